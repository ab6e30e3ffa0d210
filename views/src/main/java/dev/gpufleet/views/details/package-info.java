/// The details panel of the selected GPU and its view model.
@NullMarked
package dev.gpufleet.views.details;

import org.jspecify.annotations.NullMarked;
