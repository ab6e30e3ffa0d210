/// Builders of the fabric8 API objects (nodes, pods, controllers, events, leases, budgets) from the
/// compact fleet plan, shaped like a managed GPU cluster with the NVIDIA GPU Operator. Internal.
@NullMarked
package dev.gpufleet.sim.objects;

import org.jspecify.annotations.NullMarked;
