/// The node view: one node's GPUs, how they are connected (NVLink, NVSwitch, PCIe), their
/// NUMA and CPU affinity, their load, pods and NVLink traffic.
@NullMarked
package dev.gpufleet.views.node;

import org.jspecify.annotations.NullMarked;
