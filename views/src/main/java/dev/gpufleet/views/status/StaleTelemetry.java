package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.format.Ages;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/// How much of a cluster's telemetry is stale: nodes whose newest good reading is older than
/// the cluster's stale age, e.g. `telemetry stale on 3 of 64 nodes since 12:03:05` (the
/// oldest of their last good readings). Nodes never read count as "without telemetry"
/// elsewhere, not here.
final class StaleTelemetry {

    private StaleTelemetry() {
    }

    /// The sentence for `cluster` at `now`, or `null` when no GPU node's readings are stale.
    static @Nullable String describe(ClusterSnapshot cluster, Instant now, Duration staleAfter) {
        int gpuNodes = 0;
        int stale = 0;
        Instant since = null;
        for (NodeSnapshot node : cluster.nodes()) {
            if (node.gpus().isEmpty()) {
                continue;
            }
            gpuNodes++;
            Instant at = node.telemetryAt();
            if (at != null && at.plus(staleAfter).isBefore(now)) {
                stale++;
                since = since == null || at.isBefore(since) ? at : since;
            }
        }
        if (stale == 0 || since == null) {
            return null;
        }
        return "telemetry stale on " + stale + " of " + gpuNodes + (gpuNodes == 1 ? " node" : " nodes")
                + " since " + Ages.clock(since);
    }
}
