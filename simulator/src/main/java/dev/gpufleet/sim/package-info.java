/// The gpufleet simulator: a deterministic simulated GPU fleet served over a local HTTPS
/// Kubernetes API (enough of it for kubectl and the fabric8 client) with a dcgm-exporter
/// `/metrics` per node through the pod proxy.
///
/// The public API is [dev.gpufleet.sim.SimConfig] and [dev.gpufleet.sim.SimulatorServer];
/// the sub-packages are internal.
@NullMarked
package dev.gpufleet.sim;

import org.jspecify.annotations.NullMarked;
