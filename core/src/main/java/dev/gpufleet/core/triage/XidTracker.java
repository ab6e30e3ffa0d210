package dev.gpufleet.core.triage;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// Keeps, per GPU, when each XID code was first and last seen and how often, because
/// dcgm-exporter's `DCGM_FI_DEV_XID_ERRORS` gauge only holds the *last* XID.
///
/// The counting rule, applied to the gauge of every GPU in every frame:
///
/// - a non-zero value different from the previous one is a new occurrence of that code;
/// - the same non-zero value again is the same occurrence still showing (only `lastSeen` moves);
/// - zero clears the gauge: the next non-zero value, even the same code, is a new occurrence;
/// - a GPU or frame that does not report the gauge (`NaN`, failed scrape) changes nothing.
///
/// So two identical XIDs in a row between two scrapes count as one: the gauge cannot tell them
/// apart. The first value ever seen counts as one occurrence, first seen at that frame.
///
/// Memory is bounded: only GPUs that showed an XID get an entry, each keeps at most
/// [#MAX_CODES_PER_GPU] codes (the least recently seen is dropped), and a node's or cluster's
/// entries go with it. Not thread-safe: the fleet store's writer thread owns it.
public final class XidTracker {

    /// Most distinct codes remembered per GPU.
    public static final int MAX_CODES_PER_GPU = 16;

    private final Map<String, Map<String, Map<String, GpuXids>>> clusters = new HashMap<>();

    /// Counts the XIDs of every GPU in `frame`, at the frame's time.
    public void record(TelemetryFrame frame) {
        Map<String, Map<String, GpuXids>> nodes = clusters.get(frame.cluster());
        for (NodeTelemetry node : frame.nodes()) {
            Map<String, GpuXids> known = nodes == null ? null : nodes.get(node.node());
            for (GpuSample gpu : node.gpus()) {
                double value = gaugeOf(gpu);
                // Most GPUs show no XID and never did: settle them without building a key.
                if (Double.isNaN(value) || !isCode(value) && (known == null || known.isEmpty())) {
                    continue;
                }
                observe(GpuKey.of(frame.cluster(), node.node(), gpu), value, frame.time());
            }
        }
    }

    /// Applies the counting rule to one reading of the gauge (`NaN` is ignored).
    public void observe(GpuKey key, double value, Instant at) {
        if (Double.isNaN(value)) {
            return;
        }
        if (!isCode(value)) {
            // The common case: nothing to count, and nothing is allocated for a GPU without XIDs.
            GpuXids xids = clusters.getOrDefault(key.cluster(), Map.of()).getOrDefault(key.node(), Map.of())
                    .get(key.gpu());
            if (xids != null) {
                xids.showing = 0;
            }
            return;
        }
        clusters.computeIfAbsent(key.cluster(), c -> new HashMap<>())
                .computeIfAbsent(key.node(), n -> new HashMap<>())
                .computeIfAbsent(key.gpu(), g -> new GpuXids())
                .see((int) value, at);
    }

    /// Forgets a deleted node's GPUs.
    public void forgetNode(String cluster, String node) {
        Map<String, Map<String, GpuXids>> nodes = clusters.get(cluster);
        if (nodes != null) {
            nodes.remove(node);
        }
    }

    /// Forgets a removed cluster's GPUs.
    public void forgetCluster(String cluster) {
        clusters.remove(cluster);
    }

    /// An immutable copy of what is known of `node`'s GPUs.
    public XidHistory node(String cluster, String node) {
        Map<String, GpuXids> gpus = clusters.getOrDefault(cluster, Map.of()).getOrDefault(node, Map.of());
        Map<String, List<XidRecord>> copy = new HashMap<>();
        gpus.forEach((gpu, xids) -> copy.put(gpu, xids.records()));
        return new XidHistory(copy);
    }

    private static boolean isCode(double value) {
        return value > 0 && value <= Integer.MAX_VALUE && value == Math.rint(value);
    }

    // The device's gauge, or on a MIG card whose exporter reports it per instance the first
    // non-zero instance value.
    private static double gaugeOf(GpuSample gpu) {
        double value = gpu.values().get(Metric.XID_ERRORS);
        if (value > 0) {
            return value;
        }
        for (MigSample instance : gpu.mig()) {
            double own = instance.values().get(Metric.XID_ERRORS);
            if (own > 0) {
                return own;
            }
        }
        return value;
    }

    private static final class GpuXids {
        private int showing;
        private final Map<Integer, XidRecord> codes = new TreeMap<>();

        void see(int code, Instant at) {
            XidRecord known = codes.get(code);
            boolean fresh = code != showing;
            showing = code;
            if (known == null) {
                if (codes.size() >= MAX_CODES_PER_GPU) {
                    dropLeastRecent();
                }
                codes.put(code, new XidRecord(code, at, at, 1));
            } else {
                Instant last = at.isAfter(known.lastSeen()) ? at : known.lastSeen();
                codes.put(code, new XidRecord(code, known.firstSeen(), last, known.count() + (fresh ? 1 : 0)));
            }
        }

        private void dropLeastRecent() {
            codes.values().stream().filter(r -> r.code() != showing)
                    .min(Comparator.comparing(XidRecord::lastSeen))
                    .ifPresent(oldest -> codes.remove(oldest.code()));
        }

        List<XidRecord> records() {
            return List.copyOf(new ArrayList<>(codes.values()));
        }
    }
}
