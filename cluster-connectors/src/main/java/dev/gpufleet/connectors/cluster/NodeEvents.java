package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.triage.NodeEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// Reads the Kubernetes Events about one node (`involvedObject.kind=Node`, its name), for
/// triage: one capability, not a general client.
public final class NodeEvents {

    private final KubernetesClient client;
    private final ClusterIdentity identity;

    NodeEvents(KubernetesClient client, ClusterIdentity identity) {
        this.client = client;
        this.identity = identity;
    }

    /// The node's events, newest first, projected to core records.
    ///
    /// @throws ClusterAccessException when they cannot be listed; the message says why and what to do
    public List<NodeEvent> of(String node) throws ClusterAccessException {
        List<Event> events;
        try {
            events = client.v1().events().inAnyNamespace()
                    .withField("involvedObject.kind", "Node")
                    .withField("involvedObject.name", node)
                    .list().getItems();
        } catch (RuntimeException failure) {
            throw AccessProblems.classify(failure, identity, "list events");
        }
        List<NodeEvent> projected = new ArrayList<>(events.size());
        for (Event event : events) {
            projected.add(project(event));
        }
        projected.sort(Comparator.comparing((NodeEvent e) -> e.lastSeen() == null ? Instant.MIN : e.lastSeen())
                .reversed());
        return projected;
    }

    static NodeEvent project(Event event) {
        String component = event.getSource() != null && event.getSource().getComponent() != null
                ? event.getSource().getComponent()
                : event.getReportingComponent() == null ? "" : event.getReportingComponent();
        Instant first = instant(event.getFirstTimestamp());
        Instant last = instant(event.getLastTimestamp());
        if (first == null && event.getEventTime() != null) {
            first = instant(event.getEventTime().getTime());
        }
        if (first == null && event.getMetadata() != null) {
            first = instant(event.getMetadata().getCreationTimestamp());
        }
        return new NodeEvent(orEmpty(event.getType()), orEmpty(event.getReason()), orEmpty(event.getMessage()),
                component, event.getCount() == null ? 1 : event.getCount(), first, last == null ? first : last);
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static @Nullable Instant instant(@Nullable String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }
}
