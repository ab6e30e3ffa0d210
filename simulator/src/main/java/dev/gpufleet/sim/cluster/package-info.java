/// The simulated cluster: the fleet's objects in resource stores, and the changes operators
/// make to them. Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.cluster;

import org.jspecify.annotations.NullMarked;
