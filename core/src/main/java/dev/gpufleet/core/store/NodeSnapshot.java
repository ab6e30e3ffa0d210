package dev.gpufleet.core.store;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// One node with its GPUs (ordered by index), the pods scheduled on it and the state of its
/// telemetry: when it was last read and, if the last read failed, why.
///
/// `gpuColumns` holds the GPUs' readings as primitive columns ([GpuColumns]), built from `gpus`
/// with the node, so that fleet-wide views need not read every GPU record.
public record NodeSnapshot(
        NodeRecord node,
        List<GpuSnapshot> gpus,
        List<PodRecord> pods,
        @Nullable Instant telemetryAt,
        @Nullable String telemetryProblem,
        GpuColumns gpuColumns) {

    public NodeSnapshot {
        gpus = List.copyOf(gpus);
        pods = List.copyOf(pods);
        if (gpuColumns.count() != gpus.size()) {
            throw new IllegalArgumentException("node " + node.name() + ": GPU columns for " + gpuColumns.count()
                    + " GPUs, but " + gpus.size() + " GPUs; build them with GpuColumns.of(gpus)");
        }
    }

    /// A node whose [#gpuColumns()] are built from `gpus`.
    public NodeSnapshot(NodeRecord node, List<GpuSnapshot> gpus, List<PodRecord> pods,
                        @Nullable Instant telemetryAt, @Nullable String telemetryProblem) {
        this(node, gpus, pods, telemetryAt, telemetryProblem, GpuColumns.of(gpus));
    }

    public String name() {
        return node.name();
    }
}
