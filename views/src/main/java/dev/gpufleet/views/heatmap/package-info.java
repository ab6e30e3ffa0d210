/// The fleet heatmap: a pure layout, colour scales and renderer over primitive arrays, and the control that shows them through a pixel buffer.
@NullMarked
package dev.gpufleet.views.heatmap;

import org.jspecify.annotations.NullMarked;
