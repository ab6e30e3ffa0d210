/// Time: the scrubber that replays the fleet heatmap over the retained history, and the
/// GPU × time heatmap of any set of GPUs.
@NullMarked
package dev.gpufleet.views.time;

import org.jspecify.annotations.NullMarked;
