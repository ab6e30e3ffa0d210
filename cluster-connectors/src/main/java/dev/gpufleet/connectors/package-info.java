/// Connectors from gpufleet to clusters and their telemetry: kubeconfig contexts, fabric8
/// clients that mirror Nodes and Pods into core records, dcgm-exporter scraping through the
/// API server, and the Prometheus exposition-text parser under all of it.
///
/// Nothing here knows JavaFX, and nothing that leaves this module is a fabric8 type.
@NullMarked
package dev.gpufleet.connectors;

import org.jspecify.annotations.NullMarked;
