package dev.gpufleet.sim.store;

import io.fabric8.kubernetes.api.model.HasMetadata;

/// One change of one object, as a watch stream reports it.
///
/// @param type            `ADDED`, `MODIFIED` or `DELETED`
/// @param resourceVersion the resource version the change produced
/// @param object          the object after the change (before it, for `DELETED`)
public record WatchEvent(String type, long resourceVersion, HasMetadata object) {
}
