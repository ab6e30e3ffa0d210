@NullMarked
package dev.gpufleet.core.health;

import org.jspecify.annotations.NullMarked;
