/// The simulated dcgm-exporter: per-GPU signals as closed-form functions of seed and time, written
/// in the exporter's exact text format. Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.metrics;

import org.jspecify.annotations.NullMarked;
