package dev.gpufleet.connectors.amd;

import dev.gpufleet.connectors.exposition.Labels;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricScope;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/// Collects one physical AMD GPU's series: the whole card's, or, in a partition mode (CPX,
/// DPX, QPX, TPX), each compute partition's as an instance of the card.
///
/// Partitions are read as instances of their card, like MIG instances, because the exporter
/// names the card: every partition of one card carries its `serial_number`, and
/// `gpu_partition_id` numbers the partition on it (while `gpu_id` counts partitions across the
/// node). That keeps a 64-partition CPX node as 8 GPUs in the heatmap, as the hardware is.
final class AmdDevice {

    private int lowestGpuId = -1;
    private @Nullable String uuid;
    private @Nullable String serial;
    private @Nullable String model;
    private @Nullable String hostname;
    private @Nullable String memoryPartition;
    private final AmdValues whole = new AmdValues();
    private final Map<Integer, Partition> partitions = new TreeMap<>();
    private final Set<PodRef> pods = new LinkedHashSet<>();

    void add(Sample sample, AmdSeries series) {
        Labels labels = sample.labels();
        int gpuId = AmdLabels.parseId(AmdLabels.get(labels, AmdLabels.GPU_ID));
        if (gpuId >= 0 && (lowestGpuId < 0 || gpuId < lowestGpuId)) {
            lowestGpuId = gpuId;
        }
        serial = first(serial, AmdLabels.get(labels, AmdLabels.SERIAL_NUMBER));
        // card_series names the product; card_model is a board part number, the fallback.
        model = first(model, AmdLabels.get(labels, AmdLabels.CARD_SERIES));
        model = first(model, AmdLabels.get(labels, AmdLabels.CARD_MODEL));
        hostname = first(hostname, AmdLabels.get(labels, AmdLabels.HOSTNAME));
        memoryPartition = first(memoryPartition, AmdLabels.get(labels, AmdLabels.MEMORY_PARTITION));
        PodRef pod = podOf(labels);
        if (pod != null) {
            pods.add(pod);
        }
        String mode = AmdLabels.get(labels, AmdLabels.COMPUTE_PARTITION);
        if (AmdLabels.isPartitionMode(mode) && serial != null) {
            int partitionId = AmdLabels.parseId(AmdLabels.get(labels, AmdLabels.PARTITION_ID));
            Partition partition = partitions.computeIfAbsent(Math.max(partitionId, 0),
                    id -> new Partition(mode.strip().toUpperCase(Locale.ROOT)));
            partition.values.put(series, sample.value());
            if (pod != null) {
                partition.pods.add(pod);
            }
            if (partitionId <= 0) {
                uuid = first(uuid, AmdLabels.get(labels, AmdLabels.GPU_UUID));
            }
        } else {
            uuid = first(uuid, AmdLabels.get(labels, AmdLabels.GPU_UUID));
            whole.put(series, sample.value());
        }
    }

    /// The lowest `gpu_id` seen, -1 when none was a number.
    int lowestGpuId() {
        return lowestGpuId;
    }

    boolean partitioned() {
        return !partitions.isEmpty();
    }

    @Nullable String hostname() {
        return hostname;
    }

    /// The core sample with `index`; a card without `gpu_uuid` is known by its serial number.
    GpuSample toGpuSample(int index) {
        List<MigSample> instances = new ArrayList<>(partitions.size());
        for (Map.Entry<Integer, Partition> partition : partitions.entrySet()) {
            instances.add(new MigSample(partition.getKey(), partition.getValue().profile,
                    partition.getValue().values.build(), new ArrayList<>(partition.getValue().pods)));
        }
        completeFromPartitions(instances);
        String id = uuid != null ? uuid : serial != null ? serial : "";
        return new GpuSample(index, id, model, whole.build(), instances, new ArrayList<>(pods));
    }

    /// Fills the card's row from its partitions. Device-wide readings (temperature, power,
    /// clocks, ECC) come from the first partition that has them — amd-smi reports them on
    /// partition 0 only, and summing would multiply them. Compute partitions of one mode are
    /// equal shares of the card, so its activity is their mean. Memory is summed when NPS2/4/8
    /// splits it and taken once when NPS1 leaves one shared pool every partition reports.
    private void completeFromPartitions(List<MigSample> instances) {
        if (instances.isEmpty()) {
            return;
        }
        boolean shared = AmdLabels.sharesMemory(memoryPartition);
        for (Metric metric : Metric.values()) {
            MetricScope scope = metric.scope();
            if (scope == MetricScope.DEVICE || (scope == MetricScope.PARTITIONED && shared)) {
                whole.fill(metric, firstOf(instances, metric));
            } else if (scope == MetricScope.PARTITIONED) {
                whole.fill(metric, sum(instances, metric, false));
            }
        }
        whole.fill(Metric.GPU_UTIL, sum(instances, Metric.GPU_UTIL, true));
        whole.fill(Metric.MEM_COPY_UTIL, sum(instances, Metric.MEM_COPY_UTIL, true));
    }

    private static double firstOf(List<MigSample> instances, Metric metric) {
        for (MigSample instance : instances) {
            if (instance.values().isReported(metric)) {
                return instance.values().get(metric);
            }
        }
        return Double.NaN;
    }

    /// Sum (or mean) over the partitions that report `metric`; `NaN` when none does.
    private static double sum(List<MigSample> instances, Metric metric, boolean mean) {
        double total = 0;
        int reported = 0;
        for (MigSample instance : instances) {
            if (instance.values().isReported(metric)) {
                total += instance.values().get(metric);
                reported++;
            }
        }
        return reported == 0 ? Double.NaN : mean ? total / reported : total;
    }

    /// The workload pod the exporter attributes the series to. The exporter always prints
    /// `pod` and `namespace` together; a `pod` without a namespace is a scraper's target label
    /// (the exporter's own pod, as in series stored by Prometheus) and attributes nothing.
    static @Nullable PodRef podOf(Labels labels) {
        String pod = AmdLabels.get(labels, AmdLabels.POD);
        String namespace = AmdLabels.get(labels, AmdLabels.NAMESPACE);
        if (pod == null || namespace == null) {
            return null;
        }
        return new PodRef(namespace, pod, AmdLabels.get(labels, AmdLabels.CONTAINER));
    }

    private static @Nullable String first(@Nullable String known, @Nullable String candidate) {
        return known != null ? known : candidate;
    }

    /// One compute partition's series.
    private static final class Partition {
        private final String profile;
        private final AmdValues values = new AmdValues();
        private final Set<PodRef> pods = new LinkedHashSet<>();

        Partition(String profile) {
            this.profile = profile;
        }
    }
}
