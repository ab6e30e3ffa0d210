package dev.gpufleet.core.capacity;

import java.util.Map;

/// A pod waiting for GPUs: what it asks for and why no node takes it.
///
/// @param cluster  the cluster it waits in
/// @param namespace its namespace
/// @param name     its name
/// @param workload its workload as [Workloads#of] names it
/// @param requests the GPU resources it requests and how many of each
/// @param reason   why it does not fit, for people
public record PendingPod(String cluster, String namespace, String name, String workload,
        Map<String, Long> requests, String reason) {

    public PendingPod {
        requests = Map.copyOf(requests);
    }
}
