@NullMarked
package dev.gpufleet.app.cli;

import org.jspecify.annotations.NullMarked;
