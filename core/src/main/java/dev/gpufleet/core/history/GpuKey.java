package dev.gpufleet.core.history;

import dev.gpufleet.core.telemetry.GpuSample;
import java.util.Objects;

/// What makes a GPU the same GPU from one frame to the next: its cluster, node, and the
/// exporter's `UUID` (or, when an exporter gives none, its `gpu` index as `#N`).
public record GpuKey(String cluster, String node, String gpu) {

    public GpuKey {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(gpu, "gpu");
    }

    public static GpuKey of(String cluster, String node, GpuSample sample) {
        String uuid = sample.uuid();
        return new GpuKey(cluster, node, uuid.isBlank() ? "#" + sample.index() : uuid);
    }
}
