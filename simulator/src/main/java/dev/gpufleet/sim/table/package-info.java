/// Server-side printing: the `meta.k8s.io/v1` Table columns and cells kubectl shows for each
/// resource. Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.table;

import org.jspecify.annotations.NullMarked;
