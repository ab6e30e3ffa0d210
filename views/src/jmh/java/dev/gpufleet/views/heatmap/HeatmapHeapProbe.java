package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.FleetSnapshot;
import java.lang.management.ManagementFactory;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Measures what the heatmap keeps on the heap at 100,000 GPUs, beyond the snapshot itself:
/// frame, topology, layouts at two zooms, a Ctrl+A selection (and its 100,000 names, the
/// worst case of an action asking for them), a 1920 × 1080 pixel buffer and a 100,000 × 60
/// time strip. Retained sizes are heap used after full GCs, with the objects held alive.
/// Run by the `bench` profile after JMH (BENCHMARKS.md).
public final class HeatmapHeapProbe {

    private static final Logger LOG = LoggerFactory.getLogger(HeatmapHeapProbe.class);
    private static final double MB = 1024.0 * 1024.0;

    private HeatmapHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        long base = usedAfterGc();
        FleetSnapshot snapshot = SyntheticFleet.build(1, 1);
        long withSnapshot = usedAfterGc();
        HeatmapArrangement arrangement = new HeatmapArrangement("karpenter.sh/nodepool", HeatmapSort.UTILIZATION,
                HeatmapFilter.parse("health>=healthy"));
        HeatmapFrame frame = HeatmapFrame.extract(snapshot, HeatmapMetric.UTILIZATION, null, arrangement);
        HeatmapLayout layout = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.DEFAULT, 1920);
        HeatmapLayout zoomed = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.forCellSize(4), 1920);
        frame.topology().findNode("cluster-0", "cluster-0-gpu-00001");
        int[] pixels = new int[1920 * 1080];
        long withFrame = usedAfterGc();
        BitSet all = new BitSet();
        all.set(0, frame.gpuCount());
        HeatmapSelection selection = HeatmapSelection.of(frame, all);
        var names = selection.gpus();
        long withSelection = usedAfterGc();
        TimeStripData strip = TimeStripData.blank(frame.gpuCount(), 60);
        long withStrip = usedAfterGc();
        LOG.info("GPUs: {}", frame.gpuCount());
        LOG.info("snapshot (core, for reference): {} MB", mb(withSnapshot - base));
        LOG.info("heatmap frame + topology + 2 layouts + 1080p buffer: {} MB", mb(withFrame - withSnapshot));
        LOG.info("Ctrl+A selection with all {} names: {} MB", names.size(), mb(withSelection - withFrame));
        LOG.info("time strip 100k x 60: {} MB", mb(withStrip - withSelection));
        LOG.info("views total at 100k GPUs: {} MB", mb(withStrip - withSnapshot));
        keep(snapshot, frame, layout, zoomed, pixels, selection, names, strip);
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / MB);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /// Keeps everything reachable until after the last measurement.
    private static void keep(Object... objects) {
        if (objects.length == 0) {
            LOG.trace("nothing kept");
        }
        LOG.debug("kept {} objects", objects.length);
    }
}
