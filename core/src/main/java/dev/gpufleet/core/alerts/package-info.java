/// What deserves to interrupt an operator: GPUs that turn failing.
@NullMarked
package dev.gpufleet.core.alerts;

import org.jspecify.annotations.NullMarked;
