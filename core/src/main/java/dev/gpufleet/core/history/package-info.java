/// Metric history: fixed-size columnar ring buffers of primitive arrays, one ring per
/// (GPU slot, metric), written by a single writer from telemetry frames.
@NullMarked
package dev.gpufleet.core.history;

import org.jspecify.annotations.NullMarked;
