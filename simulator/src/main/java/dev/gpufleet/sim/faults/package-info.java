/// Fault switches for the simulator's bad days: things a real API server does to its clients
/// (restarts, expired watches, throttling, 503s, slowness, dropped connections) and exporters
/// that answer errors, hang or cut their text short. Switched at runtime from Java (tests), API
/// faults also over HTTP (`/gpufleet-sim/v1/faults`), and at start (`gpufleet sim --fault`,
/// `--exporter-fault`).
@NullMarked
package dev.gpufleet.sim.faults;

import org.jspecify.annotations.NullMarked;
