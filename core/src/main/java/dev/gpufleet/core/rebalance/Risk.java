package dev.gpufleet.core.rebalance;

import java.util.List;
import java.util.Objects;

/// What one move puts at stake. Every move restarts its pod (Kubernetes cannot move a running
/// pod: it is evicted and its controller makes a new one), so the questions are how much that
/// restart costs and how close it takes a budget to its limit.
///
/// @param priority        the pod's priority
/// @param level           [Level#HIGH] when two of: a restart that loses work (Job, StatefulSet,
///                        or any other controller but a ReplicaSet), the last disruption a budget allows,
///                        a priority at or above [#HIGH_PRIORITY]; [Level#MEDIUM] for one of them
/// @param budgetsConsumed the budgets (`namespace/name`) this eviction counts against
/// @param notes           the reasons behind `level`, for people
public record Risk(int priority, Level level, List<String> budgetsConsumed, List<String> notes) {

    /// Priorities from here up (a common "high" PriorityClass value) make a move riskier.
    public static final int HIGH_PRIORITY = 1000;

    /// How careful to be with a move.
    public enum Level { LOW, MEDIUM, HIGH }

    public Risk {
        Objects.requireNonNull(level, "level");
        budgetsConsumed = List.copyOf(budgetsConsumed);
        notes = List.copyOf(notes);
    }
}
