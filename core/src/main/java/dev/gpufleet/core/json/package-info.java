@NullMarked
package dev.gpufleet.core.json;

import org.jspecify.annotations.NullMarked;
