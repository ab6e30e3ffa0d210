/// The capacity screen: where the fleet's GPU-hours went (used, idle, stranded, …), what the
/// idle ones cost, the trend, the top wasters and the GPU pods that wait.
@NullMarked
package dev.gpufleet.views.capacity;

import org.jspecify.annotations.NullMarked;
