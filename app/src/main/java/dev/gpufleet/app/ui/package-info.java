@NullMarked
package dev.gpufleet.app.ui;

import org.jspecify.annotations.NullMarked;
