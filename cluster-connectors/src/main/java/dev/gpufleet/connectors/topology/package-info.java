/// Reads a node's GPU interconnect by running `nvidia-smi topo -m` in a short-lived pod
/// pinned to the node ([TopologyProbe]).
@NullMarked
package dev.gpufleet.connectors.topology;

import org.jspecify.annotations.NullMarked;
