/// A live connection to one cluster: Node and Pod watches projected into core records, the
/// dcgm-exporter telemetry source, and the status people see.
@NullMarked
package dev.gpufleet.connectors.cluster;

import org.jspecify.annotations.NullMarked;
