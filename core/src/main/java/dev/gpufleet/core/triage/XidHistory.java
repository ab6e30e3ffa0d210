package dev.gpufleet.core.triage;

import dev.gpufleet.core.store.GpuSnapshot;
import java.util.List;
import java.util.Map;

/// The XIDs seen on one node's GPUs, an immutable copy taken from the [XidTracker].
///
/// `byGpu` is keyed like [dev.gpufleet.core.history.GpuKey#gpu()]: the GPU's UUID, or `#N` for
/// a GPU its exporter gave no UUID; each list is ordered by code.
public record XidHistory(Map<String, List<XidRecord>> byGpu) {

    private static final XidHistory EMPTY = new XidHistory(Map.of());

    public XidHistory {
        byGpu = Map.copyOf(byGpu);
    }

    public static XidHistory empty() {
        return EMPTY;
    }

    /// What was seen on `gpu`, ordered by code; empty when nothing was.
    public List<XidRecord> of(GpuSnapshot gpu) {
        String uuid = gpu.uuid();
        String key = uuid == null || uuid.isBlank() ? "#" + gpu.index() : uuid;
        return byGpu.getOrDefault(key, List.of());
    }
}
