package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.core.rebalance.Goal;
import dev.gpufleet.core.rebalance.PodBudget;
import dev.gpufleet.core.rebalance.RebalanceInput;
import dev.gpufleet.core.rebalance.RebalanceOptions;
import dev.gpufleet.core.rebalance.RebalancePlan;
import dev.gpufleet.core.rebalance.RebalancePlanner;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Option;

/// What `rebalance plan` and `rebalance apply` share: the goal, the move limit, and how a plan
/// is made from one cluster's complete inventory, its pending pods and its PodDisruptionBudgets.
final class RebalanceFlags {

    @Option(names = "--goal", defaultValue = "defrag", paramLabel = "GOAL",
            description = "defrag (free whole nodes for pending multi-GPU jobs), evacuate (empty degraded nodes)"
                + " or spread (cool hot nodes); default: ${DEFAULT-VALUE}.")
    String goal;

    @Option(names = "--max-moves", defaultValue = "" + RebalanceOptions.DEFAULT_MAX_MOVES, paramLabel = "N",
            description = "The most pods one plan moves (each is one eviction); default: ${DEFAULT-VALUE}.")
    int maxMoves;

    @Option(names = "--wait", defaultValue = "60s", paramLabel = "D",
            description = "How long to wait for the cluster's first complete inventory and telemetry (default: ${DEFAULT-VALUE}).")
    String wait;

    RebalanceOptions options(String command) {
        try {
            return RebalanceOptions.of(Goal.parse(goal)).withMaxMoves(maxMoves);
        } catch (IllegalArgumentException bad) {
            throw new UserError(command + ": " + (maxMoves < 0 ? "--max-moves: " : "--goal: ") + bad.getMessage() + ".");
        }
    }

    /// Connects `context`, waits for its inventory, reads its budgets and plans.
    RebalancePlan plan(FleetSession session, String context, ClusterActions actions, String command)
            throws InterruptedException {
        RebalanceOptions options = options(command);
        List<String> failures = Sessions.connectAndWait(session, List.of(context), Durations.parse(wait, "--wait"),
                command);
        if (!failures.isEmpty()) {
            throw new UserError(String.join("\n", failures) + " Nothing was planned.", 1);
        }
        ClusterSnapshot cluster = snapshot(session, context, command);
        List<PodBudget> budgets;
        try {
            budgets = actions.moves().budgets();
        } catch (ActionException failed) {
            throw new UserError(command + ": " + failed.getMessage(), 1);
        }
        return RebalancePlanner.plan(RebalanceInput.from(cluster.nodes(), cluster.unscheduled(), budgets), options);
    }

    private static ClusterSnapshot snapshot(FleetSession session, String context, String command)
            throws InterruptedException {
        try {
            FleetSnapshot fleet = session.store().sync().get(10, TimeUnit.SECONDS);
            return fleet.cluster(context).orElseThrow(() -> new UserError(command + ": context '" + context
                    + "' delivered no inventory; check it with gpufleet snapshot --context " + context + ".", 1));
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError(command + ": the fleet store did not answer: " + e.getMessage(), 1);
        }
    }
}
