/// The HTTPS front: routing, bearer-token auth, discovery, list/get/watch, patches, evictions,
/// pod logs and the pod proxy to the simulated dcgm-exporters. Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.api;

import org.jspecify.annotations.NullMarked;
