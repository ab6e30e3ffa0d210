/// The soak probe: runs the real console for a long while (usually on the churning demo fleet)
/// and records heap, threads, FX pulse gaps, heatmap frame times and the store's size, then
/// judges whether memory stayed flat and frames stayed quick.
@NullMarked
package dev.gpufleet.app.soak;

import org.jspecify.annotations.NullMarked;
