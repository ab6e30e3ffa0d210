package dev.gpufleet.core.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/// One round of telemetry for one cluster: every node that was scraped, at one time.
///
/// Nodes missing from the frame keep their last readings (and grow stale); a node present
/// with a problem keeps its last readings too, marked with that problem.
public record TelemetryFrame(String cluster, Instant time, List<NodeTelemetry> nodes) {

    public TelemetryFrame {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(time, "time");
        nodes = List.copyOf(nodes);
    }

    public int gpuCount() {
        int count = 0;
        for (NodeTelemetry node : nodes) {
            count += node.gpus().size();
        }
        return count;
    }
}
