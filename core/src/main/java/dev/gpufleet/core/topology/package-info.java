/// What connects a node's GPUs to each other, to NICs and to CPUs: the matrix that
/// `nvidia-smi topo -m` prints ([NvidiaSmiTopology]) or, before anyone probed the node, the
/// known layout of its board ([KnownBoards]).
@NullMarked
package dev.gpufleet.core.topology;

import org.jspecify.annotations.NullMarked;
