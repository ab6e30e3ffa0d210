@NullMarked
package dev.gpufleet.connectors.testing;

import org.jspecify.annotations.NullMarked;
