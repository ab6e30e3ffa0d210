@NullMarked
package dev.gpufleet.core.store;

import org.jspecify.annotations.NullMarked;
