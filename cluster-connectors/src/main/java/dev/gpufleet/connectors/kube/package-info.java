/// Kubeconfig contexts and per-context cluster connections: fabric8 clients, Node and Pod
/// mirrors projected into core records, and the dcgm-exporter telemetry source.
@NullMarked
package dev.gpufleet.connectors.kube;

import org.jspecify.annotations.NullMarked;
