package dev.gpufleet.views.details;

import dev.gpufleet.core.capacity.PoolLabels;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.details.DetailRows.Field;
import dev.gpufleet.views.details.DetailRows.MetricRow;
import dev.gpufleet.views.details.DetailRows.MigRow;
import dev.gpufleet.views.details.DetailRows.PodRow;
import dev.gpufleet.views.format.Ages;
import dev.gpufleet.views.format.MetricFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/// Builds the details panel's rows from snapshot records; pure functions.
final class DetailRowBuilder {

    private static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

    private DetailRowBuilder() {
    }

    static List<Field> nodeFields(String cluster, NodeSnapshot node) {
        NodeRecord record = node.node();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Name", record.name()));
        fields.add(new Field("Cluster", cluster));
        fields.add(new Field("Scheduling", record.unschedulable() ? "cordoned (unschedulable)" : "schedulable"));
        fields.add(new Field("Ready", record.ready() ? "ready" : "NOT READY"));
        fields.add(new Field("Pool", orDash(firstLabel(record.labels(), PoolLabels.LABELS))));
        fields.add(new Field("Zone", orDash(record.labels().get(ZONE_LABEL))));
        fields.add(new Field("Instance type", orDash(record.labels().get(INSTANCE_TYPE_LABEL))));
        fields.add(new Field("GPU product", orDash(record.gpuProduct())));
        if (!record.taints().isEmpty()) {
            fields.add(new Field("Taints", record.taints().stream().map(Taint::toString)
                    .collect(Collectors.joining(", "))));
        }
        return fields;
    }

    static List<Field> gpuFields(GpuSnapshot gpu, NodeSnapshot node, Instant now, Duration staleAfter) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Index", Integer.toString(gpu.index())));
        fields.add(new Field("UUID", orDash(gpu.uuid())));
        fields.add(new Field("Model", orDash(gpu.model())));
        fields.add(new Field("Health", gpu.health().name()));
        Instant sampledAt = gpu.sampledAt();
        String reading = sampledAt == null ? "never" : Ages.ago(sampledAt, now)
                + (gpu.isStale(now, staleAfter) ? " (stale) — no sample since " + Ages.clock(sampledAt)
                        + "; the values below are the last good ones" : "");
        fields.add(new Field("Last reading", reading));
        String problem = node.telemetryProblem();
        if (problem != null) {
            fields.add(new Field("Exporter", problem));
        }
        return fields;
    }

    /// Fields every dcgm-exporter sends by default: when one is missing the panel says "not
    /// reported" rather than leave the reader to wonder whether it is zero.
    static final Set<Metric> EXPECTED = EnumSet.of(Metric.GPU_UTIL, Metric.MEM_COPY_UTIL, Metric.ENC_UTIL, Metric.DEC_UTIL, Metric.FB_USED,
            Metric.FB_FREE, Metric.POWER_USAGE, Metric.GPU_TEMP, Metric.MEMORY_TEMP, Metric.SM_CLOCK,
            Metric.MEM_CLOCK, Metric.XID_ERRORS, Metric.ECC_SBE_VOL, Metric.ECC_DBE_VOL);

    /// Every reported metric and every expected one, in catalog order; the missing expected ones
    /// say "not reported". The rest of the catalog (per-link NVLink counters and the like)
    /// shows only when the exporter sends it.
    static List<MetricRow> metrics(GpuSnapshot gpu) {
        List<MetricRow> rows = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            double value = gpu.value(metric);
            boolean reported = !Double.isNaN(value);
            if (reported || EXPECTED.contains(metric)) {
                rows.add(new MetricRow(metric.displayName(), MetricFormat.format(metric, value), reported));
            }
        }
        return rows;
    }

    static List<MigRow> mig(GpuSnapshot gpu) {
        List<MigRow> rows = new ArrayList<>();
        for (MigSample instance : gpu.mig()) {
            double memory = instance.values().memoryUsedPercent();
            rows.add(new MigRow(Integer.toString(instance.gpuInstanceId()), instance.profile(),
                    MetricFormat.format(Metric.GR_ENGINE_ACTIVE, instance.values().get(Metric.GR_ENGINE_ACTIVE)),
                    MetricFormat.percent(memory), podList(instance.pods())));
        }
        return rows;
    }

    /// Pods the exporter attributes to this GPU or one of its MIG instances.
    static List<PodRow> gpuPods(GpuSnapshot gpu, NodeSnapshot node) {
        List<PodRow> rows = new ArrayList<>();
        for (PodRef pod : gpu.pods()) {
            rows.add(new PodRow(pod.toString(), container(pod, "whole GPU"), phase(node, pod)));
        }
        for (MigSample instance : gpu.mig()) {
            for (PodRef pod : instance.pods()) {
                rows.add(new PodRow(pod.toString(),
                        container(pod, "MIG " + instance.gpuInstanceId() + " (" + instance.profile() + ")"),
                        phase(node, pod)));
            }
        }
        return rows;
    }

    /// Pods scheduled on the node that request GPU resources.
    static List<PodRow> nodeGpuPods(NodeSnapshot node) {
        List<PodRow> rows = new ArrayList<>();
        for (PodRecord pod : node.pods()) {
            if (pod.gpusRequested() > 0) {
                String requests = pod.gpuRequests().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getValue() + " × " + e.getKey())
                        .collect(Collectors.joining(", "));
                String owner = pod.owner() == null ? "" : "  ·  " + pod.owner().kind() + " " + pod.owner().name();
                rows.add(new PodRow(pod.namespace() + "/" + pod.name(), requests + owner, pod.phase()));
            }
        }
        return rows;
    }

    private static String container(PodRef pod, String where) {
        return pod.container() == null ? where : where + ", container " + pod.container();
    }

    private static String phase(NodeSnapshot node, PodRef pod) {
        for (PodRecord record : node.pods()) {
            if (record.namespace().equals(pod.namespace()) && record.name().equals(pod.name())) {
                return record.phase();
            }
        }
        return "not on this node's pod list";
    }

    private static String podList(List<PodRef> pods) {
        return pods.isEmpty() ? "—" : pods.stream().map(PodRef::toString).collect(Collectors.joining(", "));
    }

    private static @Nullable String firstLabel(Map<String, String> labels, List<String> keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String orDash(@Nullable String text) {
        return text == null || text.isBlank() ? "—" : text;
    }
}
