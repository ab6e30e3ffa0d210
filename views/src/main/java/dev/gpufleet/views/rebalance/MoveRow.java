package dev.gpufleet.views.rebalance;

/// One move of a plan as the rebalance screen's list shows it.
///
/// @param from    the source node and the GPUs the pod holds there (`gpu-h100-a-003 (2 GPUs)`)
/// @param risk    the level and its reasons (`HIGH: a Job restarts and loses its work; …`)
/// @param budgets the PodDisruptionBudgets the eviction counts against, or `none`
public record MoveRow(int step, String pod, String from, String to, String reason, String risk, String budgets) {
}
