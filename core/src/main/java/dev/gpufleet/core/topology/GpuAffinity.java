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

    /// How many CPUs the list names, or 0 when it is unknown (or not a list of numbers).
    public int cpuCount() {
        if (cpus == null) {
            return 0;
        }
        long count = 0;
        try {
            for (String part : cpus.split(",")) {
                int dash = part.indexOf('-');
                long first = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
                long last = dash < 0 ? first : Long.parseLong(part.substring(dash + 1));
                count += Math.max(0, last - first + 1);
            }
        } catch (NumberFormatException notANumber) {
            return 0;
        }
        return (int) Math.min(count, Integer.MAX_VALUE);
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
        return end == 0 || end > 9 ? -1 : Integer.parseInt(numaNodes.substring(0, end));
    }

    public boolean isKnown() {
        return !Objects.equals(this, UNKNOWN);
    }
}
