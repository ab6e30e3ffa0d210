package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.FaultSource;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/// The planned faults of the [Fleet] plus those a running simulation injects and clears again
/// (a node failing and returning); an injected fault hides the planned one of the same GPU.
public final class InjectedFaults implements FaultSource {

    private final Fleet fleet;
    private final Map<Integer, GpuFault> injected = new ConcurrentHashMap<>();

    InjectedFaults(Fleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public @Nullable GpuFault fault(int node, int gpu) {
        GpuFault now = injected.get(node * fleet.gpusPerNode() + gpu);
        return now != null ? now : fleet.fault(node, gpu);
    }

    /// Gives GPU `gpu` of `node` the fault `fault` until [#clear(int, int)].
    void inject(int node, int gpu, GpuFault fault) {
        injected.put(node * fleet.gpusPerNode() + gpu, fault);
    }

    /// Takes back the injected fault of a GPU; its planned fault, if any, shows again.
    void clear(int node, int gpu) {
        injected.remove(node * fleet.gpusPerNode() + gpu);
    }

    /// How many GPUs carry an injected fault now.
    public int injectedCount() {
        return injected.size();
    }
}
