/// The device view: one GPU from the inside — its MIG instances (or AMD partitions) drawn over
/// the card's compute and memory slices, and a heatmap of its engines over time.
@NullMarked
package dev.gpufleet.views.device;

import org.jspecify.annotations.NullMarked;
