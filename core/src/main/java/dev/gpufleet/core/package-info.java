/// The fleet model, metric catalog, store and rules of gpufleet.
///
/// Knows nothing of JavaFX, fabric8 or HTTP: connectors project cluster objects into these
/// records at the edge, and views read the immutable snapshots the store publishes.
@NullMarked
package dev.gpufleet.core;

import org.jspecify.annotations.NullMarked;
