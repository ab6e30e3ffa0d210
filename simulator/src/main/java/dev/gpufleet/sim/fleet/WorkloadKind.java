package dev.gpufleet.sim.fleet;

/// The kinds of workload the simulated fleet runs, each with the controller that owns its pods.
public enum WorkloadKind {
    /// Multi-GPU training: a batch/v1 Job (indexed when it spans nodes).
    TRAINING("Job"),
    /// Model serving: an apps/v1 Deployment whose pods a ReplicaSet owns.
    INFERENCE("Deployment"),
    /// An interactive notebook holding a GPU while mostly idle: a one-replica StatefulSet.
    NOTEBOOK("StatefulSet"),
    /// A per-node agent (dcgm-exporter, device plugin, GFD, kube-proxy): a DaemonSet.
    DAEMON("DaemonSet"),
    /// A cluster service without GPUs (CoreDNS, the GPU operator): a Deployment.
    SYSTEM("Deployment");

    private final String controllerKind;

    WorkloadKind(String controllerKind) {
        this.controllerKind = controllerKind;
    }

    /// The Kubernetes kind of the top-level controller.
    public String controllerKind() {
        return controllerKind;
    }

    /// Whether pods are owned by a ReplicaSet between them and the controller.
    public boolean viaReplicaSet() {
        return this == INFERENCE || this == SYSTEM;
    }
}
