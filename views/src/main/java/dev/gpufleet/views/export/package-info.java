/// Saving what a view shows: the picture as PNG, the numbers behind it as CSV.
@NullMarked
package dev.gpufleet.views.export;

import org.jspecify.annotations.NullMarked;
