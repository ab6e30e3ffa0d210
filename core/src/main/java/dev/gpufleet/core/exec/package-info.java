@NullMarked
package dev.gpufleet.core.exec;

import org.jspecify.annotations.NullMarked;
