/// Certificates for the simulator's HTTPS endpoint. Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.tls;

import org.jspecify.annotations.NullMarked;
