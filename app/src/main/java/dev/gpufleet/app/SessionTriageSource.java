package dev.gpufleet.app;

import dev.gpufleet.connectors.cluster.ClusterAccessException;
import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.triage.NodeEvent;
import dev.gpufleet.core.triage.Triage;
import dev.gpufleet.core.triage.TriageThresholds;
import dev.gpufleet.core.triage.XidHistory;
import dev.gpufleet.views.triage.TriageResult;
import dev.gpufleet.views.triage.TriageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/// Triage for the console, put together as `gpufleet triage` does: the store's newest snapshot
/// of the node, its XID history, the node's events read from its cluster, and the user's
/// thresholds. Events that cannot be read, or thresholds that cannot be used, make a note on the
/// result instead of failing it.
final class SessionTriageSource implements TriageSource {

    private final FleetSession session;
    private final TaskExecutor background;
    private final Clock clock;
    private final @Nullable Path thresholdsFile;

    /// `thresholdsFile` null: the default thresholds (tests, screenshots).
    SessionTriageSource(FleetSession session, TaskExecutor background, Clock clock, @Nullable Path thresholdsFile) {
        this.session = session;
        this.background = background;
        this.clock = clock;
        this.thresholdsFile = thresholdsFile;
    }

    @Override
    public CompletableFuture<TriageResult> triage(String cluster, String node, Optional<Integer> gpu) {
        FleetStore store = session.store();
        return store.xidHistory(cluster, node).thenCompose(xids -> background.supply(() -> judge(cluster, node, gpu, xids)));
    }

    private TriageResult judge(String cluster, String node, Optional<Integer> gpu, XidHistory xids) {
        NodeSnapshot found = session.store().current().cluster(cluster).flatMap(c -> c.node(node))
                .orElseThrow(() -> new IllegalArgumentException("node " + node + " is not in " + cluster
                        + " any more (was it removed, or the cluster disconnected?)"));
        List<String> notes = new ArrayList<>();
        List<NodeEvent> events = events(cluster, node, notes);
        TriageThresholds thresholds = thresholds(notes);
        return new TriageResult(Triage.of(found, gpu, xids, events, thresholds, clock.instant()), notes);
    }

    private List<NodeEvent> events(String cluster, String node, List<String> notes) {
        for (ClusterConnection connection : session.connections()) {
            if (connection.cluster().equals(cluster)) {
                try {
                    return connection.nodeEvents().of(node);
                } catch (ClusterAccessException e) {
                    notes.add("Without the node's events: " + e.getMessage() + ".");
                    return List.of();
                }
            }
        }
        notes.add("Without the node's events: " + cluster + " is not connected.");
        return List.of();
    }

    private TriageThresholds thresholds(List<String> notes) {
        if (thresholdsFile == null) {
            return TriageThresholds.defaults();
        }
        try {
            return TriageSettings.load(thresholdsFile);
        } catch (IOException | IllegalArgumentException e) {
            notes.add("Judged by the default thresholds: " + thresholdsFile + " could not be used (" + e.getMessage()
                    + ").");
            return TriageThresholds.defaults();
        }
    }
}
