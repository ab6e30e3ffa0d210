/// The fleet screen, its view model and the theme helper: what the app wires and shows.
@NullMarked
package dev.gpufleet.views;

import org.jspecify.annotations.NullMarked;
