package dev.gpufleet.app;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/// Which GPU `gpufleet screenshot --view device` shows: the one `--gpu NODE/INDEX` names, or
/// by default the first GPU with MIG instances (the most to see), else the first GPU.
public final class DeviceTarget {

    private DeviceTarget() {
    }

    /// Checks the form of a `--gpu` value; the message says what is wrong.
    public static void checkSpec(String spec) {
        int slash = spec.lastIndexOf('/');
        if (slash <= 0 || slash == spec.length() - 1 || !spec.substring(slash + 1).chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("--gpu '" + spec + "' is not NODE/INDEX, e.g. demo-gpu-003/1");
        }
    }

    /// The GPU to show in `snapshot`.
    ///
    /// @throws IllegalArgumentException when `spec` names no GPU of the fleet, or it has none
    public static GpuSelection find(FleetSnapshot snapshot, @Nullable String spec) {
        if (spec != null) {
            checkSpec(spec);
            int slash = spec.lastIndexOf('/');
            String node = spec.substring(0, slash);
            int index = Integer.parseInt(spec.substring(slash + 1));
            return first(snapshot, (n, g) -> n.name().equals(node) && g.index() == index)
                    .orElseThrow(() -> new IllegalArgumentException("--gpu " + spec
                            + ": no such GPU in the fleet (node names and GPU indexes are as `gpufleet snapshot` lists them)"));
        }
        return first(snapshot, (n, g) -> !g.mig().isEmpty())
                .or(() -> first(snapshot, (n, g) -> true))
                .orElseThrow(() -> new IllegalArgumentException("the fleet has no GPUs to show"));
    }

    private interface Wanted {
        boolean test(NodeSnapshot node, GpuSnapshot gpu);
    }

    private static Optional<GpuSelection> first(FleetSnapshot snapshot, Wanted wanted) {
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            for (NodeSnapshot node : cluster.nodes()) {
                for (GpuSnapshot gpu : node.gpus()) {
                    if (wanted.test(node, gpu)) {
                        return Optional.of(new GpuSelection(cluster.name(), node.name(), gpu.index(), gpu.uuid()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
