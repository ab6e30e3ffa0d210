package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSink;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Combines what the inventory watch and the telemetry poller report into the one status
/// people see, and tells the sink only when it changes.
///
/// The inventory decides while it is not live (connecting, syncing, unreachable,
/// unauthorized); once it is live, a telemetry problem makes the connection DEGRADED. A status
/// keeps its `since` while its state stays, however its message changes.
final class StatusTracker {

    private static final Logger LOG = LoggerFactory.getLogger(StatusTracker.class);

    private final String cluster;
    private final FleetSink sink;
    private final Clock clock;
    private ConnectionState inventoryState = ConnectionState.CONNECTING;
    private @Nullable String inventoryMessage;
    private @Nullable String telemetryProblem;
    private @Nullable ConnectionStatus current;
    private boolean closed;

    StatusTracker(String cluster, FleetSink sink, Clock clock) {
        this.cluster = cluster;
        this.sink = sink;
        this.clock = clock;
    }

    synchronized void inventory(ConnectionState state, @Nullable String message) {
        inventoryState = state;
        inventoryMessage = message;
        publish();
    }

    synchronized ConnectionState inventoryState() {
        return inventoryState;
    }

    synchronized void telemetry(@Nullable String problem) {
        telemetryProblem = problem;
        publish();
    }

    synchronized void disconnected(String message) {
        publishStatus(ConnectionState.DISCONNECTED, message);
        closed = true;
    }

    synchronized ConnectionStatus current() {
        return current != null ? current : ConnectionStatus.of(ConnectionState.CONNECTING, clock.instant());
    }

    private void publish() {
        if (inventoryState != ConnectionState.LIVE) {
            publishStatus(inventoryState, inventoryMessage);
        } else if (telemetryProblem != null) {
            publishStatus(ConnectionState.DEGRADED, telemetryProblem);
        } else {
            publishStatus(ConnectionState.LIVE, null);
        }
    }

    private void publishStatus(ConnectionState state, @Nullable String message) {
        if (closed || (current != null && current.state() == state && Objects.equals(current.message(), message))) {
            return;
        }
        // "Since" is when this state began: a reworded reason (a refused connection after a
        // reset one) is the same outage, not a new one.
        Instant since = current != null && current.state() == state ? current.since() : clock.instant();
        current = new ConnectionStatus(state, message, since);
        LOG.debug("{}: {}{}", cluster, state, message == null ? "" : " — " + message);
        sink.connection(cluster, current);
    }
}
