/// Formatting of metric values, ages and counts for people; pure and testable.
@NullMarked
package dev.gpufleet.views.format;

import org.jspecify.annotations.NullMarked;
