package dev.gpufleet.core.actions;

import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import java.util.function.Consumer;

/// What the console may do to the nodes of a cluster (a kubeconfig context). Every method may
/// block on the API server: call it off the UI thread. Changes are audited (intent before,
/// outcome after) and leave an Event on the node.
public interface NodeOperations {

    /// Whether the user of `context` may do what `capability` covers (asked with a
    /// SelfSubjectAccessReview, remembered a while); a denial's reason names the permission.
    Verdict check(String context, Capability capability);

    /// Whether `context` is marked production, so destructive actions need a typed confirmation.
    boolean isProduction(String context);

    /// Whether `context` is marked read-only: nothing may change there (asked afresh each time,
    /// as the mark can change at any moment).
    boolean isReadOnly(String context);

    /// Applies `change` to `node`; returns what happened in words (`node/x cordoned`, `node/x already cordoned`).
    String apply(String context, String node, NodeChange change) throws OperationException;

    /// What draining `node` with `options` would do, read fresh from the API server.
    DrainPlan planDrain(String context, String node, DrainOptions options) throws OperationException;

    /// Starts carrying out `plan`; `listener` hears each step from the drain's threads.
    DrainExecution startDrain(String context, DrainPlan plan, Consumer<DrainEvent> listener)
            throws OperationException;
}
