package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/// Moves cells between a [FleetHistory] and [Segment]s, one hour per segment, without
/// decoding them. Both directions run on the history's single writer.
final class SegmentRestore {

    private SegmentRestore() {
    }

    /// Copies `cluster`'s cells for the hours of ticks `from..to` (as far as the window holds
    /// them) into one segment per hour; GPUs with nothing reported in an hour, and hours with no GPU, are left out.
    static List<Segment> copy(String cluster, FleetHistory history, long from, long to) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < history.slotLimit(); slot++) {
            if (history.keyOf(slot).filter(key -> key.cluster().equals(cluster)).isPresent()) {
                slots.add(slot);
            }
        }
        List<Segment> segments = new ArrayList<>();
        long resolution = history.config().resolutionMillis();
        for (long hour = hourOf(from, resolution); hour <= hourOf(to, resolution); hour++) {
            // The whole hour, so a rewrite keeps what an earlier flush of it wrote.
            long first = Math.max(history.oldestTick(), Math.ceilDiv(hour * HistoryArchive.HOUR_MILLIS, resolution));
            long last = Math.min(to, Math.ceilDiv((hour + 1) * HistoryArchive.HOUR_MILLIS, resolution) - 1);
            if (first <= last) {
                Segment segment = copyHour(cluster, history, slots, first, last);
                if (!segment.keys().isEmpty()) {
                    segments.add(segment);
                }
            }
        }
        return segments;
    }

    private static Segment copyHour(String cluster, FleetHistory history, List<Integer> slots, long first, long last) {
        List<Metric> metrics = history.config().metrics();
        int tickCount = (int) (last - first + 1);
        ByteBuffer cells = ByteBuffer.allocate(slots.size() * Segment.rowBytes(metrics, tickCount));
        List<GpuKey> keys = new ArrayList<>();
        for (int slot : slots) {
            if (history.lastSeenTick(slot) < first) {
                continue;
            }
            int rowStart = cells.position();
            boolean reported = false;
            for (int column = 0; column < metrics.size(); column++) {
                reported |= history.copyCells(slot, column, first, last, cells);
            }
            if (reported) {
                keys.add(history.keyOf(slot).orElseThrow());
            } else {
                cells.position(rowStart);
            }
        }
        int resolutionSeconds = (int) (history.config().resolutionMillis() / 1000);
        return new Segment(cluster, resolutionSeconds, first, tickCount, metrics, keys,
                Arrays.copyOf(cells.array(), cells.position()));
    }

    /// Restores the cells of `segment` for ticks in `minTick..maxTick`; adds the GPUs that got
    /// a value to `restored`. Whether any tick was in range. A segment longer than the fine
    /// ring goes in pieces that each fit it, so what leaves the ring meanwhile is averaged
    /// into the coarse tier as live ticks are.
    static boolean restore(Segment segment, FleetHistory history, long minTick, long maxTick, Set<GpuKey> restored) {
        long last = Math.min(segment.firstTick() + segment.tickCount() - 1, maxTick);
        long first = Math.max(segment.firstTick(), minTick);
        if (first > last) {
            return false;
        }
        // New GPUs may make the rings smaller: before the pieces are sized to them.
        history.reserve(segment.keys().size());
        boolean any = false;
        while (first <= last) {
            // Short of the ring by a bucket, so a bucket leaving it has all its ticks restored.
            Retention rings = history.retention();
            long pieceLast = Math.min(last, first + Math.max(1, rings.fineTicks() - rings.coarseFactor()) - 1);
            if (history.enterArchivedTicks(first, pieceLast)) {
                any = true;
                restorePiece(segment, history, Math.max(first, history.oldestTick()), pieceLast, restored);
            }
            first = pieceLast + 1;
        }
        return any;
    }

    private static void restorePiece(Segment segment, FleetHistory history, long first, long last,
            Set<GpuKey> restored) {
        ByteBuffer in = ByteBuffer.wrap(segment.cells());
        int rowBytes = Segment.rowBytes(segment.metrics(), segment.tickCount());
        for (int gpu = 0; gpu < segment.keys().size(); gpu++) {
            GpuKey key = segment.keys().get(gpu);
            boolean known = history.slotOf(key) >= 0;
            int slot = history.acquireSlot(key);
            // A new slot may have made the rings smaller.
            long from = Math.max(first, history.oldestTick());
            boolean any = false;
            int columnStart = gpu * rowBytes;
            for (int column = 0; column < segment.metrics().size(); column++) {
                int width = history.encoding(column).width().bytes();
                in.position(columnStart + (int) (from - segment.firstTick()) * width);
                any |= from <= last && history.restoreCells(slot, column, from, last, in);
                columnStart += width * segment.tickCount();
            }
            if (any) {
                restored.add(key);
            } else if (!known) {
                history.forget(key);
            }
        }
    }

    private static long hourOf(long tick, long resolutionMillis) {
        return Math.floorDiv(tick * resolutionMillis, HistoryArchive.HOUR_MILLIS);
    }
}
