package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Keeps what an hour's segment on disk holds before a newer copy of the same hour starts:
/// when the fine ring is shorter than an hour, a later flush of the hour no longer has its
/// first ticks, and writing it as it is would drop them from disk.
final class SegmentMerge {

    private SegmentMerge() {
    }

    /// `newer` with `older`'s ticks before `newer.firstTick()` put in front (GPUs of either,
    /// not-reported codes where one lacks a GPU); `newer` as it is when `older` adds nothing
    /// or was recorded differently.
    static Segment withOlder(Segment older, Segment newer) {
        long cut = Math.min(newer.firstTick() - older.firstTick(), older.tickCount());
        if (cut <= 0 || !older.cluster().equals(newer.cluster()) || older.resolutionSeconds() != newer.resolutionSeconds()
                || !older.metrics().equals(newer.metrics())) {
            return newer;
        }
        int head = (int) cut;
        int gap = (int) (newer.firstTick() - older.firstTick() - cut);
        int tickCount = head + gap + newer.tickCount();
        Map<GpuKey, int[]> rows = new LinkedHashMap<>();
        for (int i = 0; i < older.keys().size(); i++) {
            rows.computeIfAbsent(older.keys().get(i), key -> new int[] {-1, -1})[0] = i;
        }
        for (int i = 0; i < newer.keys().size(); i++) {
            rows.computeIfAbsent(newer.keys().get(i), key -> new int[] {-1, -1})[1] = i;
        }
        List<Metric> metrics = newer.metrics();
        ByteBuffer cells = ByteBuffer.allocate(rows.size() * Segment.rowBytes(metrics, tickCount));
        for (int[] row : rows.values()) {
            int olderOffset = row[0] * Segment.rowBytes(metrics, older.tickCount());
            int newerOffset = row[1] * Segment.rowBytes(metrics, newer.tickCount());
            for (Metric metric : metrics) {
                int width = Encoding.of(metric).width().bytes();
                copyOrBlank(older.cells(), row[0] < 0 ? -1 : olderOffset, head * width, cells, metric);
                blank(cells, metric, gap);
                copyOrBlank(newer.cells(), row[1] < 0 ? -1 : newerOffset, newer.tickCount() * width, cells, metric);
                olderOffset += older.tickCount() * width;
                newerOffset += newer.tickCount() * width;
            }
        }
        return new Segment(newer.cluster(), newer.resolutionSeconds(), older.firstTick(), tickCount, metrics,
                new ArrayList<>(rows.keySet()), cells.array());
    }

    private static void copyOrBlank(byte[] from, int offset, int bytes, ByteBuffer to, Metric metric) {
        if (offset >= 0) {
            to.put(from, offset, bytes);
        } else {
            blank(to, metric, bytes / Encoding.of(metric).width().bytes());
        }
    }

    /// Appends `ticks` not-reported codes of `metric`'s width, as [Column] stores them.
    private static void blank(ByteBuffer to, Metric metric, int ticks) {
        Encoding encoding = Encoding.of(metric);
        for (int i = 0; i < ticks; i++) {
            switch (encoding.width()) {
                case BYTE -> to.put((byte) encoding.encode(Double.NaN));
                case CHAR -> to.putChar((char) encoding.encode(Double.NaN));
                case FLOAT -> to.putFloat(Float.NaN);
                case DOUBLE -> to.putDouble(Double.NaN);
            }
        }
    }
}
