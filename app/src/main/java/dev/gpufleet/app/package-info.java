/// The gpufleet application: command line, wiring by constructor, demo mode.
@NullMarked
package dev.gpufleet.app;

import org.jspecify.annotations.NullMarked;
