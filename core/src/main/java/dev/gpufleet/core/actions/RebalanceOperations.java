package dev.gpufleet.core.actions;

import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.PodBudget;
import java.util.List;
import java.util.function.Consumer;

/// What the console's rebalance screen asks of a cluster (a kubeconfig context) beyond the
/// snapshot it plans on: the PodDisruptionBudgets a plan must respect, and carrying a plan's
/// moves out. Permissions, production and read-only marks are [NodeOperations]' to answer.
/// Every method may block on the API server: call it off the UI thread.
public interface RebalanceOperations {

    /// Every PodDisruptionBudget of `context`, with the pods it selects, read fresh.
    List<PodBudget> budgets(String context) throws OperationException;

    /// Starts evicting `moves`' pods in step order, at most `concurrency` at a time, each audited
    /// before (intent) and after (outcome) as the command line's `rebalance apply` does;
    /// `cordonSources` cordons each move's source first. `listener` hears each step from the
    /// run's threads. Refused on a read-only context or without the permissions it needs.
    RebalanceExecution start(String context, List<Move> moves, int concurrency, boolean cordonSources,
            Consumer<MoveEvent> listener) throws OperationException;
}
