package dev.gpufleet.views.triage;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/// What the triage panel asks of the application: triage a node, or one GPU of it, from the
/// store's snapshot, its XID history, the node's events and the user's thresholds. The answer
/// comes on any thread; a failure completes the future exceptionally with a message for people.
@FunctionalInterface
public interface TriageSource {

    CompletableFuture<TriageResult> triage(String cluster, String node, Optional<Integer> gpu);
}
