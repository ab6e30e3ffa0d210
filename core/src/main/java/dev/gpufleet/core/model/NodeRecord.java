package dev.gpufleet.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// What gpufleet keeps of a Kubernetes Node: a compact projection made at the connector's edge.
///
/// `gpuResources` maps each extended GPU resource (`nvidia.com/gpu`, `nvidia.com/mig-1g.10gb`,
/// `amd.com/gpu`) to its allocatable count. `conditions` are the node's status conditions
/// (Ready included, which `ready` also carries), empty when they are not known.
public record NodeRecord(
        String name,
        Map<String, String> labels,
        boolean unschedulable,
        boolean ready,
        List<Taint> taints,
        Map<String, Long> gpuResources,
        @Nullable String kubeletVersion,
        @Nullable Instant created,
        List<NodeCondition> conditions) {

    /// GPU Feature Discovery's label for the product name (dashes instead of spaces).
    public static final String LABEL_GPU_PRODUCT = "nvidia.com/gpu.product";
    /// GPU Feature Discovery's label for the number of physical GPUs.
    public static final String LABEL_GPU_COUNT = "nvidia.com/gpu.count";
    /// GPU Feature Discovery's label for how MIG devices are advertised: none, single, mixed.
    public static final String LABEL_MIG_STRATEGY = "nvidia.com/mig.strategy";
    /// AMD node labeller: the compute and memory partition mode, e.g. `spx_nps1`, `cpx_nps4`.
    public static final String LABEL_AMD_PARTITION = "amd.com/compute-memory-partition";

    public NodeRecord {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        gpuResources = Map.copyOf(gpuResources);
        conditions = List.copyOf(conditions);
    }

    /// A node whose conditions are not known.
    public NodeRecord(String name, Map<String, String> labels, boolean unschedulable, boolean ready,
            List<Taint> taints, Map<String, Long> gpuResources, @Nullable String kubeletVersion,
            @Nullable Instant created) {
        this(name, labels, unschedulable, ready, taints, gpuResources, kubeletVersion, created, List.of());
    }

    /// Number of physical GPUs the node reports, 0 for a node without GPUs.
    ///
    /// From GFD's count label, except under the `single` MIG strategy, where GFD counts MIG
    /// devices (8 A100s cut into 1g.10gb read `56`): then the count is divided by the
    /// instances one GPU holds (7 compute slices, 4 on the A30, over `gpu.slices.gi` per
    /// instance). Without the label, the `nvidia.com/gpu` (or `amd.com/gpu`) resource counts.
    /// Telemetry, when it comes, says which GPUs really exist; this is the guess before it.
    public int physicalGpuCount() {
        int labelled = intLabel(LABEL_GPU_COUNT);
        if (labelled >= 0) {
            return "single".equals(labels.get(LABEL_MIG_STRATEGY)) ? migSingleGpuCount(labelled) : labelled;
        }
        Long gpus = gpuResources.get("nvidia.com/gpu");
        if (gpus != null) {
            return (int) Math.min(gpus, 1024);
        }
        gpus = gpuResources.get("amd.com/gpu");
        return gpus == null ? 0 : (int) Math.min(gpus / amdPartitionsPerGpu(), 1024);
    }

    /// AMD's node labeller names the compute partition mode of a node's Instinct cards in
    /// `amd.com/compute-memory-partition` (e.g. `cpx_nps4`); the device plugin then offers one
    /// `amd.com/gpu` per partition. SPX is one per card, DPX two, TPX three, QPX four, and CPX
    /// one per XCD: 8 on MI300X/MI325X/MI350-class cards, 6 on the MI300A.
    private int amdPartitionsPerGpu() {
        String mode = labels.getOrDefault(LABEL_AMD_PARTITION, "").toLowerCase(Locale.ROOT);
        if (mode.startsWith("dpx")) {
            return 2;
        }
        if (mode.startsWith("tpx")) {
            return 3;
        }
        if (mode.startsWith("qpx")) {
            return 4;
        }
        if (mode.startsWith("cpx")) {
            return labels.getOrDefault("amd.com/gpu.product-name", "").contains("MI300A") ? 6 : 8;
        }
        return 1;
    }

    private int migSingleGpuCount(int migDevices) {
        String product = labels.getOrDefault(LABEL_GPU_PRODUCT, "");
        if (!product.contains("-MIG-")) {
            return migDevices;
        }
        int slicesPerGpu = product.contains("A30") ? 4 : 7;
        int slicesPerInstance = Math.max(1, intLabel("nvidia.com/gpu.slices.gi"));
        int instancesPerGpu = Math.max(1, slicesPerGpu / slicesPerInstance);
        return (migDevices + instancesPerGpu - 1) / instancesPerGpu;
    }

    private int intLabel(String key) {
        String value = labels.get(key);
        if (value != null) {
            try {
                return Math.min(Integer.parseInt(value.trim()), 1024);
            } catch (NumberFormatException ignored) {
                // a malformed label counts as absent
            }
        }
        return -1;
    }

    /// The GPU product as GFD labels it, with its dashes turned back into spaces.
    public @Nullable String gpuProduct() {
        String product = labels.get(LABEL_GPU_PRODUCT);
        if (product == null) {
            return null;
        }
        int mig = product.indexOf("-MIG-");
        return (mig >= 0 ? product.substring(0, mig) : product).replace('-', ' ');
    }
}
