package dev.gpufleet.core.model;

import org.jspecify.annotations.Nullable;

/// A pod named by telemetry attribution (`namespace`, `pod`, `container` labels of the exporter).
public record PodRef(String namespace, String name, @Nullable String container) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
