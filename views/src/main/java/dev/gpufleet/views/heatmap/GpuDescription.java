package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.format.Ages;
import dev.gpufleet.views.format.MetricFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/// What the heatmap's tooltip says about one GPU: a title and label/value lines. Pure, so
/// tests read exactly what a person hovering sees.
public final class GpuDescription {

    /// One line of the tooltip.
    public record Entry(String label, String value) {
    }

    private static final int SHOWN_PODS = 2;

    private GpuDescription() {
    }

    /// `node · GPU index`, the tooltip's heading.
    public static String title(HeatmapFrame frame, int ordinal) {
        return frame.node(ordinal).name() + " · GPU " + frame.gpu(ordinal).index();
    }

    /// Identity and readings of the GPU at `ordinal`.
    public static List<Entry> entries(HeatmapFrame frame, int ordinal, Instant now, Duration staleAfter) {
        GpuSnapshot gpu = frame.gpu(ordinal);
        NodeSnapshot node = frame.node(ordinal);
        List<Entry> lines = new ArrayList<>();
        lines.add(new Entry("Cluster", frame.cluster(ordinal)));
        lines.add(new Entry("Node", node.name() + nodeFlags(node)));
        lines.add(new Entry("Model", orUnknown(gpu.model())));
        lines.add(new Entry("UUID", orUnknown(gpu.uuid())));
        lines.add(new Entry("Health", gpu.health().name()));
        lines.add(new Entry("Utilization", MetricFormat.percent(gpu.utilizationPercent())));
        lines.add(new Entry("Memory", memory(gpu)));
        lines.add(new Entry("Power", MetricFormat.format(Metric.POWER_USAGE, gpu.value(Metric.POWER_USAGE))));
        lines.add(new Entry("Temperature", MetricFormat.format(Metric.GPU_TEMP, gpu.value(Metric.GPU_TEMP))));
        lines.add(new Entry("Pods", pods(gpu)));
        if (!gpu.mig().isEmpty()) {
            lines.add(new Entry("MIG", mig(gpu.mig())));
        }
        lines.add(new Entry("Reading", reading(gpu, node, now, staleAfter)));
        return lines;
    }

    /// Title and lines as plain text, one `Label: value` per line.
    public static String asText(HeatmapFrame frame, int ordinal, Instant now, Duration staleAfter) {
        StringBuilder text = new StringBuilder(title(frame, ordinal));
        for (Entry entry : entries(frame, ordinal, now, staleAfter)) {
            text.append('\n').append(entry.label()).append(": ").append(entry.value());
        }
        return text.toString();
    }

    /// A cluster header's detail: GPU nodes, GPUs, how many fail, warn or lack telemetry, and
    /// the connection state when it is not live, e.g. `64 nodes · 512 GPUs · 2 failing`.
    public static String clusterSummary(HeatmapFrame frame, int cluster) {
        HeatmapTopology topology = frame.topology();
        int firstNode = topology.firstNode(cluster);
        int endNode = topology.endNode(cluster);
        int from = firstNode < endNode ? topology.firstOrdinal(firstNode) : 0;
        int to = firstNode < endNode ? topology.firstOrdinal(endNode - 1) + topology.gpusOnNode(endNode - 1) : 0;
        int failing = 0;
        int warning = 0;
        int silent = 0;
        for (int o = from; o < to; o++) {
            switch (frame.health(o)) {
                case FAILING -> failing++;
                case WARNING -> warning++;
                default -> { }
            }
            if (frame.sampledAtMillis(o) == HeatmapFrame.NEVER) {
                silent++;
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(endNode - firstNode).append(endNode - firstNode == 1 ? " node · " : " nodes · ")
                .append(to - from).append(to - from == 1 ? " GPU" : " GPUs");
        appendCount(text, failing, "failing");
        appendCount(text, warning, "warning");
        appendCount(text, silent, "no telemetry");
        ClusterSnapshot snapshot = frame.snapshot().clusters().get(topology.clusterOfGroup(cluster));
        ConnectionState state = snapshot.connection().state();
        if (state != ConnectionState.LIVE) {
            text.append(" · ").append(state.name());
        }
        return text.toString();
    }

    private static void appendCount(StringBuilder text, int count, String what) {
        if (count > 0) {
            text.append(" · ").append(count).append(' ').append(what);
        }
    }

    private static String nodeFlags(NodeSnapshot node) {
        String flags = (node.node().unschedulable() ? ", cordoned" : "") + (node.node().ready() ? "" : ", not ready");
        return flags.isEmpty() ? "" : " (" + flags.substring(2) + ")";
    }

    private static String memory(GpuSnapshot gpu) {
        double percent = gpu.values().memoryUsedPercent();
        if (Double.isNaN(percent)) {
            return MetricFormat.NOT_REPORTED;
        }
        double used = gpu.value(Metric.FB_USED);
        double total = used + gpu.value(Metric.FB_FREE);
        return MetricFormat.percent(percent) + "  (" + MetricFormat.mebibytes(used) + " of "
                + MetricFormat.mebibytes(total) + ")";
    }

    private static String pods(GpuSnapshot gpu) {
        List<PodRef> pods = new ArrayList<>(gpu.pods());
        gpu.mig().forEach(instance -> pods.addAll(instance.pods()));
        if (pods.isEmpty()) {
            return "none";
        }
        String shown = pods.stream().limit(SHOWN_PODS).map(PodRef::toString).collect(Collectors.joining(", "));
        return pods.size() > SHOWN_PODS ? shown + " and " + (pods.size() - SHOWN_PODS) + " more" : shown;
    }

    private static String mig(List<MigSample> instances) {
        return instances.size() + (instances.size() == 1 ? " instance: " : " instances: ")
                + instances.stream().map(MigSample::profile).collect(Collectors.joining(", "));
    }

    private static String reading(GpuSnapshot gpu, NodeSnapshot node, Instant now, Duration staleAfter) {
        Instant sampledAt = gpu.sampledAt();
        if (sampledAt == null) {
            String problem = node.telemetryProblem();
            return "no telemetry" + (problem == null ? "" : " — " + problem);
        }
        String age = Ages.ago(sampledAt, now);
        if (!gpu.isStale(now, staleAfter)) {
            return age;
        }
        // The values above are the last good ones; say how old and, if known, why none came since.
        String problem = node.telemetryProblem();
        return "stale: no sample since " + Ages.clock(sampledAt) + " (" + age + ")"
                + (problem == null ? "" : " — " + problem);
    }

    private static String orUnknown(@org.jspecify.annotations.Nullable String text) {
        return text == null || text.isBlank() ? "unknown" : text;
    }
}
