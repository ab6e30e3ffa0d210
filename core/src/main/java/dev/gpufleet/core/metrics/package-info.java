@NullMarked
package dev.gpufleet.core.metrics;

import org.jspecify.annotations.NullMarked;
