/// Actions that change a cluster: cordon, uncordon, taint, label, evict, drain. Each is a small
/// capability over a fabric8 client; what they decide is modelled in core
/// (`dev.gpufleet.core.drain`), and every failure comes back as an [ActionException] that says
/// what the API server answered, what it means and what to do.
@NullMarked
package dev.gpufleet.connectors.actions;

import org.jspecify.annotations.NullMarked;
