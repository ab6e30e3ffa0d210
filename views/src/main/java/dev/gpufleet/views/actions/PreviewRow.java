package dev.gpufleet.views.actions;

/// One pod of a drain preview.
///
/// @param pod      `namespace/name`
/// @param kind     its controller's kind (`ReplicaSet`, `Job`…), `none` when unmanaged
/// @param owner    its controller's name, empty when unmanaged
/// @param gpus     the GPUs and MIG instances it holds, in words (`GPU 3 MIG 2`, `no GPU`)
/// @param budgets  the PodDisruptionBudgets that select it, comma-separated
/// @param action   what the drain does with it (`evict`, `skip: managed by a DaemonSet`…)
/// @param blocking whether it stops the drain until the operator allows it
public record PreviewRow(String pod, String kind, String owner, String gpus, String budgets, String action,
        boolean blocking) {
}
