/// The simulated fleet's compact plan: pools, GPUs, MIG layouts, workloads, pod placements and
/// faults, all derived from a seed. Internal to the simulator; not API for other modules.
@NullMarked
package dev.gpufleet.sim.fleet;

import org.jspecify.annotations.NullMarked;
