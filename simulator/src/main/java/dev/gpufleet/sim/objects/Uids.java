package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Names;

/// The UID of every simulated object, derived from the seed, its kind and its index, so owner
/// references, events and the objects themselves agree without a lookup table.
public record Uids(long seed) {

    public String node(int node) {
        return Names.uid(seed, "Node", node);
    }

    public String pod(int pod) {
        return Names.uid(seed, "Pod", pod);
    }

    /// The UID of a workload's controller of the given kind (Job, Deployment, ReplicaSet, ...).
    public String controller(String kind, int workload) {
        return Names.uid(seed, kind, workload);
    }

    public String namespace(String name) {
        return Names.uid(seed, "Namespace", name.hashCode());
    }

    public String other(String kind, long index) {
        return Names.uid(seed, kind, index);
    }
}
