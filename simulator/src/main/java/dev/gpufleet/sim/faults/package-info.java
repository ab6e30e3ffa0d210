/// Fault switches of the simulated cluster, for rehearsing bad days: an exporter that answers
/// errors or hangs, an API server that misbehaves. Switched at runtime from Java (tests) or at
/// start from `gpufleet sim`.
@NullMarked
package dev.gpufleet.sim.faults;

import org.jspecify.annotations.NullMarked;
