/// Fault switches for the simulator's bad days: things a real API server does to its clients
/// (restarts, expired watches, throttling, 503s, slowness, dropped connections), switchable at
/// runtime from Java, over HTTP (`/gpufleet-sim/v1/faults`) and at start (`gpufleet sim --fault`).
@NullMarked
package dev.gpufleet.sim.faults;

import org.jspecify.annotations.NullMarked;
