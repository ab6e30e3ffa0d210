package dev.gpufleet.app.soak;

import java.util.Locale;

/// One sample of a soak.
///
/// @param seconds      seconds since the soak began
/// @param heapMb       heap in use right after a full collection, MB
/// @param threads      live threads
/// @param pulses       FX pulses in the window since the previous sample
/// @param gapP50       median gap between pulses, ms
/// @param gapP99       99th percentile gap, ms
/// @param gapMax       longest gap, ms
/// @param frames       pulses in the window on which the heatmap's frame changed
/// @param frameP50     median FX-thread time of those pulses, ms
/// @param frameP99     99th percentile, ms
/// @param frameMax     longest, ms
/// @param snapshots    the store's snapshot version (snapshots published since the start)
/// @param nodes        nodes in the newest snapshot
/// @param pods         pods in the newest snapshot (on nodes and unscheduled)
/// @param gpus         GPUs in the newest snapshot
public record SoakSample(double seconds, double heapMb, int threads, long pulses, double gapP50, double gapP99,
        double gapMax, long frames, double frameP50, double frameP99, double frameMax, long snapshots, int nodes,
        int pods, int gpus) {

    /// The CSV header matching [#csv()].
    public static final String CSV_HEADER = "seconds,heap_mb,threads,pulses,gap_p50_ms,gap_p99_ms,gap_max_ms,"
            + "frames,frame_p50_ms,frame_p99_ms,frame_max_ms,snapshots,nodes,pods,gpus";

    /// One CSV line, numbers with a dot for decimals.
    public String csv() {
        return String.format(Locale.ROOT, "%.1f,%.2f,%d,%d,%.3f,%.3f,%.3f,%d,%.3f,%.3f,%.3f,%d,%d,%d,%d", seconds, heapMb,
                threads, pulses, gapP50, gapP99, gapMax, frames, frameP50, frameP99, frameMax, snapshots, nodes, pods,
                gpus);
    }

    /// One row of the printed table (see [SoakReport#table()]).
    String row() {
        return String.format(Locale.ROOT, "%6.0f %8.1f %7d %6d %7.1f %7.1f %7.1f %6d %7.2f %7.2f %7.2f %9d %5d %5d %5d",
                seconds, heapMb, threads, pulses, gapP50, gapP99, gapMax, frames, frameP50, frameP99, frameMax,
                snapshots, nodes, pods, gpus);
    }

    public static String header() {
        return String.format(Locale.ROOT, "%6s %8s %7s %6s %7s %7s %7s %6s %7s %7s %7s %9s %5s %5s %5s", "t(s)",
                "heap MB", "threads", "pulses", "gap50", "gap99", "gapMax", "frames", "frm50", "frm99", "frmMax",
                "snapshots", "nodes", "pods", "gpus");
    }
}
