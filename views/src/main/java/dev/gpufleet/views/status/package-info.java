/// The status bar and error banner showing each cluster's connection.
@NullMarked
package dev.gpufleet.views.status;

import org.jspecify.annotations.NullMarked;
