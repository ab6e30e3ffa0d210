package dev.gpufleet.connectors.dcgm;

import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.Labels;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.model.PodRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// Groups the samples of a dcgm-exporter text by physical GPU and MIG instance.
///
/// A GPU is keyed by its `UUID`, else by `gpu` + `device` (old exporters, hand-made texts).
/// Series with a non-empty `GPU_I_ID` belong to that MIG instance of their GPU. Identity
/// labels (`modelName`, `Hostname`/`hostname`, `pci_bus_id`, driver version) are taken from
/// the first series that has them, since exporters drop some of them on some series.
public final class DcgmInterpreter {

    private DcgmInterpreter() {
    }

    public static DcgmReading interpret(Exposition exposition) {
        Map<String, GpuBuilder> gpus = new LinkedHashMap<>();
        int other = 0;
        int unattributed = 0;
        for (Sample sample : exposition.samples()) {
            if (!sample.name().startsWith(DcgmLabels.SERIES_PREFIX)) {
                other++;
                continue;
            }
            String key = gpuKey(sample.labels());
            if (key == null) {
                unattributed++;
                continue;
            }
            gpus.computeIfAbsent(key, k -> new GpuBuilder()).add(sample);
        }
        List<DcgmGpu> built = new ArrayList<>(gpus.size());
        for (GpuBuilder gpu : gpus.values()) {
            built.add(gpu.build());
        }
        // Unknown indexes (-1) last; the sort is stable, so equal indexes keep text order.
        built.sort(Comparator.comparingInt(gpu -> gpu.index() < 0 ? Integer.MAX_VALUE : gpu.index()));
        return new DcgmReading(built, exposition.samples().size(), other, unattributed,
                exposition.duplicateSeries(), exposition.errors(), exposition.errorCount());
    }

    private static @Nullable String gpuKey(Labels labels) {
        String uuid = labels.nonEmpty(DcgmLabels.UUID);
        if (uuid != null) {
            return "uuid:" + uuid;
        }
        String index = labels.nonEmpty(DcgmLabels.GPU);
        String device = labels.nonEmpty(DcgmLabels.DEVICE);
        if (index == null && device == null) {
            return null;
        }
        return "index:" + index + "/" + device;
    }

    static @Nullable PodRef podOf(Labels labels) {
        String pod = labels.nonEmpty(DcgmLabels.POD);
        if (pod == null) {
            return null;
        }
        String namespace = labels.get(DcgmLabels.NAMESPACE);
        return new PodRef(namespace == null ? "" : namespace, pod, labels.nonEmpty(DcgmLabels.CONTAINER));
    }

    static int parseIndex(@Nullable String text) {
        if (text == null) {
            return -1;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value >= 0 ? value : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    /// Collects one GPU's series.
    private static final class GpuBuilder {
        private int index = -1;
        private @Nullable String uuid;
        private @Nullable String model;
        private @Nullable String hostname;
        private @Nullable String pciBusId;
        private @Nullable String driverVersion;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final Map<String, MigBuilder> instances = new LinkedHashMap<>();
        private final Set<PodRef> pods = new LinkedHashSet<>();

        void add(Sample sample) {
            Labels labels = sample.labels();
            learnIdentity(labels);
            PodRef pod = podOf(labels);
            if (pod != null) {
                pods.add(pod);
            }
            String instanceId = labels.nonEmpty(DcgmLabels.GPU_INSTANCE_ID);
            if (instanceId == null) {
                metrics.put(sample.name(), sample.value());
            } else {
                instances.computeIfAbsent(instanceId, id -> new MigBuilder(parseIndex(id)))
                        .add(sample, labels.nonEmpty(DcgmLabels.GPU_INSTANCE_PROFILE), pod);
            }
        }

        private void learnIdentity(Labels labels) {
            if (index < 0) {
                index = parseIndex(labels.get(DcgmLabels.GPU));
                if (index < 0) {
                    index = deviceNumber(labels.get(DcgmLabels.DEVICE));
                }
            }
            uuid = firstOf(uuid, labels.nonEmpty(DcgmLabels.UUID));
            model = firstOf(model, labels.nonEmpty(DcgmLabels.MODEL_NAME));
            model = firstOf(model, labels.nonEmpty(DcgmLabels.DEV_NAME));
            hostname = firstOf(hostname, labels.nonEmpty(DcgmLabels.HOSTNAME));
            hostname = firstOf(hostname, labels.nonEmpty(DcgmLabels.HOSTNAME_LOWER));
            pciBusId = firstOf(pciBusId, labels.nonEmpty(DcgmLabels.PCI_BUS_ID));
            driverVersion = firstOf(driverVersion, labels.nonEmpty(DcgmLabels.DRIVER_VERSION));
        }

        /// `nvidia3` → 3; -1 for anything else.
        private static int deviceNumber(@Nullable String device) {
            if (device == null || !device.startsWith("nvidia")) {
                return -1;
            }
            return parseIndex(device.substring("nvidia".length()));
        }

        private static @Nullable String firstOf(@Nullable String known, @Nullable String candidate) {
            return known != null ? known : candidate;
        }

        DcgmGpu build() {
            List<DcgmMigInstance> mig = new ArrayList<>(instances.size());
            for (MigBuilder instance : instances.values()) {
                mig.add(instance.build());
            }
            mig.sort(Comparator.comparingInt(DcgmMigInstance::gi));
            return new DcgmGpu(index, uuid, model, hostname, pciBusId, driverVersion, metrics, mig,
                    new ArrayList<>(pods));
        }
    }

    /// Collects one MIG instance's series.
    private static final class MigBuilder {
        private final int gi;
        private @Nullable String profile;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final Set<PodRef> pods = new LinkedHashSet<>();

        MigBuilder(int gi) {
            this.gi = gi;
        }

        void add(Sample sample, @Nullable String sampleProfile, @Nullable PodRef pod) {
            if (profile == null) {
                profile = sampleProfile;
            }
            if (pod != null) {
                pods.add(pod);
            }
            metrics.put(sample.name(), sample.value());
        }

        DcgmMigInstance build() {
            return new DcgmMigInstance(gi, profile, metrics, new ArrayList<>(pods));
        }
    }
}
