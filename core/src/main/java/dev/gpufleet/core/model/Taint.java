package dev.gpufleet.core.model;

import org.jspecify.annotations.Nullable;

/// A node taint, e.g. `nvidia.com/gpu.health=unhealthy:NoSchedule`.
public record Taint(String key, @Nullable String value, String effect) {

    @Override
    public String toString() {
        return key + (value == null || value.isEmpty() ? "" : "=" + value) + ":" + effect;
    }
}
