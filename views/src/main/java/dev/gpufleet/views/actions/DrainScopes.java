package dev.gpufleet.views.actions;

import dev.gpufleet.core.drain.DrainOptions.GpuScope;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.List;

/// The scopes a drain of one node can take: the whole node, each of its GPUs, and each MIG
/// instance of them, as the newest snapshot knows them.
public final class DrainScopes {

    private DrainScopes() {
    }

    public static List<GpuScope> of(FleetSnapshot snapshot, String cluster, String node) {
        List<GpuScope> scopes = new ArrayList<>();
        scopes.add(GpuScope.wholeNode());
        snapshot.cluster(cluster).flatMap(c -> c.node(node)).ifPresent(n -> {
            for (GpuSnapshot gpu : n.gpus()) {
                scopes.add(GpuScope.gpu(gpu.index()));
                for (MigSample instance : gpu.mig()) {
                    scopes.add(GpuScope.migInstance(gpu.index(), instance.gpuInstanceId()));
                }
            }
        });
        return scopes;
    }

    /// The scope a drain opened from GPU `gpu` starts with: that GPU (-1: the whole node).
    public static GpuScope initial(List<GpuScope> scopes, int gpu) {
        GpuScope wanted = GpuScope.gpu(gpu);
        return gpu >= 0 && scopes.contains(wanted) ? wanted : GpuScope.wholeNode();
    }
}
