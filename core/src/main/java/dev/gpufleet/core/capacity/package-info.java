/// Waste accounting: where a fleet's GPU-hours go (out of service, unknown, unallocated and
/// stranded, idle-allocated, used), what they cost and the energy they draw, and which pending
/// GPU pods cannot be placed and why. Pure: fed with published fleet snapshots.
@NullMarked
package dev.gpufleet.core.capacity;

import org.jspecify.annotations.NullMarked;
