package dev.gpufleet.core.store;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// One node with its GPUs (ordered by index), the pods scheduled on it and the state of its
/// telemetry: when it was last read and, if the last read failed, why.
public record NodeSnapshot(
        NodeRecord node,
        List<GpuSnapshot> gpus,
        List<PodRecord> pods,
        @Nullable Instant telemetryAt,
        @Nullable String telemetryProblem) {

    public NodeSnapshot {
        gpus = List.copyOf(gpus);
        pods = List.copyOf(pods);
    }

    public String name() {
        return node.name();
    }
}
