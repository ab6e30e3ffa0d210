package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.format.Ages;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/// How much of a cluster's telemetry is stale: nodes whose newest good reading is older than
/// the cluster's stale age, e.g. `telemetry stale on 3 of 64 nodes since 12:03:05` (the
/// oldest of their last good readings). Nodes never read count as "without telemetry"
/// elsewhere, not here.
///
/// Made once per cluster snapshot and asked every second as the clock moves: the nodes'
/// reading times are kept sorted, so each question is a binary search, not a walk over a
/// 12,500-node cluster on the FX thread.
final class StaleTelemetry {

    private final ClusterSnapshot cluster;
    private final int gpuNodes;
    /// Epoch nanoseconds of each GPU node's newest reading, ascending; nodes never read left out.
    private final long[] readAt;

    private StaleTelemetry(ClusterSnapshot cluster) {
        this.cluster = cluster;
        long[] times = new long[cluster.nodes().size()];
        int gpuNodeCount = 0;
        int read = 0;
        for (NodeSnapshot node : cluster.nodes()) {
            if (node.gpus().isEmpty()) {
                continue;
            }
            gpuNodeCount++;
            Instant at = node.telemetryAt();
            if (at != null) {
                times[read++] = nanos(at);
            }
        }
        this.gpuNodes = gpuNodeCount;
        this.readAt = Arrays.copyOf(times, read);
        Arrays.sort(readAt);
    }

    /// The index of `cluster`, reusing `previous` when it was made for the same snapshot object.
    static StaleTelemetry of(ClusterSnapshot cluster, @Nullable StaleTelemetry previous) {
        return previous != null && previous.cluster == cluster ? previous : new StaleTelemetry(cluster);
    }

    /// The sentence at `now`, or `null` when no GPU node's readings are stale.
    @Nullable String describe(Instant now, Duration staleAfter) {
        // Stale: read at a time t with t + staleAfter before now, that is t < now - staleAfter.
        int stale = countBelow(nanos(now.minus(staleAfter)));
        if (stale == 0) {
            return null;
        }
        return "telemetry stale on " + stale + " of " + gpuNodes + (gpuNodes == 1 ? " node" : " nodes")
                + " since " + Ages.clock(Instant.ofEpochSecond(0, readAt[0]));
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    /// How many reading times are below `limit`.
    private int countBelow(long limit) {
        int low = 0;
        int high = readAt.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (readAt[middle] < limit) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
