package dev.gpufleet.views.clusters;

/// One cluster the user may connect: its name (the kubeconfig context, or the demo fleet's) and
/// where it comes from, shown under the name (`~/.kube/config`, `built-in simulator`).
public record ClusterEntry(String name, String origin) {
}
