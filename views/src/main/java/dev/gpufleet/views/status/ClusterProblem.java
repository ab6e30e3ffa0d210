package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;

/// A banner entry: a cluster whose data is not kept current, what happened and what to do.
public record ClusterProblem(String cluster, ConnectionState state, String title, String description) {
}
