package dev.gpufleet.core.topology;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// Which CPUs and memory are close to one GPU.
///
/// @param cpus      the CPU list as `nvidia-smi` prints it (`0-47,96-143`), or `null` where it
///                  says `N/A` or nothing is known
/// @param numaNodes the NUMA node(s) of those CPUs as printed (`NUMA Affinity`: `0`, rarely a
///                  list such as `0-1`), or `null` when unknown
/// @param gpuNumaId the GPU's own NUMA node where its memory is one (`GPU NUMA ID`, on
///                  coherent systems such as Grace Hopper), or `null` (`N/A`)
public record GpuAffinity(@Nullable String cpus, @Nullable String numaNodes, @Nullable Integer gpuNumaId) {

    public static final GpuAffinity UNKNOWN = new GpuAffinity(null, null, null);

    /// How many CPUs the list names, or 0 when it is unknown.
    public int cpuCount() {
        if (cpus == null) {
            return 0;
        }
        int count = 0;
        for (String part : cpus.split(",")) {
            int dash = part.indexOf('-');
            count += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
        }
        return count;
    }

    /// The first NUMA node of [#numaNodes()], or -1 when unknown.
    public int firstNumaNode() {
        if (numaNodes == null) {
            return -1;
        }
        int end = 0;
        while (end < numaNodes.length() && Character.isDigit(numaNodes.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(numaNodes.substring(0, end));
    }

    public boolean isKnown() {
        return !Objects.equals(this, UNKNOWN);
    }
}
