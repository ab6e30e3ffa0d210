@NullMarked
package dev.gpufleet.core.telemetry;

import org.jspecify.annotations.NullMarked;
