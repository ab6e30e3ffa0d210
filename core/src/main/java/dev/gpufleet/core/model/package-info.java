@NullMarked
package dev.gpufleet.core.model;

import org.jspecify.annotations.NullMarked;
