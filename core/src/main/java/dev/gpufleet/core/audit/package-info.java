/// The record of every cluster-changing action: an append-only JSON-lines file.
@NullMarked
package dev.gpufleet.core.audit;

import org.jspecify.annotations.NullMarked;
