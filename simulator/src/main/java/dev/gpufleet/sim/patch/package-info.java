/// JSON merge patch, strategic merge patch (the simple subset) and JSON patch over Jackson trees.
/// Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.patch;

import org.jspecify.annotations.NullMarked;
