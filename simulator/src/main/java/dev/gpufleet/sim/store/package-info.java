/// Resource stores: lazily built objects indexed by etcd-style keys, resource versions, bounded
/// change history and watch subscriptions, label and field selectors. Internal to the simulator.
@NullMarked
package dev.gpufleet.sim.store;

import org.jspecify.annotations.NullMarked;
