package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.objects.EventFactory;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// What the simulated API server lets go of as time passes, so a long run reaches a steady size:
/// Events past their TTL, the oldest Events beyond a cap, and watch history past the
/// compaction window (see each store's [ResourceStore#compactHistory()]).
///
/// Runs on the cluster's tick, at most once per [#SWEEP_INTERVAL] of simulated time; each
/// expired Event is deleted through its store, so watchers see `DELETED` as they do when a real
/// API server's TTL removes one.
final class Retention {

    /// How long an Event lives after it was last written (kube-apiserver's `--event-ttl`), as
    /// the events the cluster starts with assume.
    static final Duration EVENT_TTL = EventFactory.EVENT_TTL;
    /// Most Events a cluster keeps; the oldest go first. A real API server has no such limit
    /// (etcd's quota and the TTL bound it); here it lets a churning demo level off within
    /// minutes instead of after the TTL. A cluster that starts with more keeps its starting
    /// number instead, so its initial Events fade by TTL rather than all at the first tick.
    static final int EVENT_CAP = 2_000;
    /// Simulated time between two sweeps.
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    private record Written(String namespace, String name, Instant at) {
    }

    private static final Comparator<Written> OLDEST_FIRST = Comparator.comparing(Written::at)
            .thenComparing(Written::namespace).thenComparing(Written::name);

    private final List<ResourceStore<?>> stores;
    private final ResourceStore<Event> events;
    private final int eventLimit;
    private @Nullable Instant nextSweep;

    Retention(List<ResourceStore<?>> stores, ResourceStore<Event> events) {
        this.stores = List.copyOf(stores);
        this.events = events;
        this.eventLimit = Math.max(EVENT_CAP, events.size());
    }

    /// The most Events this cluster keeps.
    int eventLimit() {
        return eventLimit;
    }

    /// Lets go of what is due, if a sweep is due at `now`.
    void sweep(Instant now) {
        if (nextSweep != null && now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_INTERVAL);
        for (ResourceStore<?> store : stores) {
            store.compactHistory();
        }
        expireEvents(now);
    }

    // Deletes the Events last written before the TTL, then the oldest beyond the limit.
    private void expireEvents(Instant now) {
        Instant cutoff = now.minus(EVENT_TTL);
        List<Written> kept = new ArrayList<>();
        List<Written> expired = new ArrayList<>();
        events.list(null, Selection.everything(), 0, null, event -> {
            String namespace = event.getMetadata().getNamespace();
            Instant at = lastWritten(event);
            // Without a readable time an Event is not known to have expired; it goes first for the cap.
            Written written = new Written(namespace == null ? "" : namespace, event.getMetadata().getName(),
                    at == null ? Instant.MIN : at);
            (at != null && at.isBefore(cutoff) ? expired : kept).add(written);
        });
        if (kept.size() > eventLimit) {
            kept.sort(OLDEST_FIRST);
            expired.addAll(kept.subList(0, kept.size() - eventLimit));
        }
        for (Written e : expired) {
            delete(e);
        }
    }

    private void delete(Written event) {
        try {
            events.delete(event.namespace(), event.name());
        } catch (ApiException e) {
            // Gone already (a client deleted it meanwhile) is what was wanted.
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /// When an Event was last written, as far as it says: the latest of its `lastTimestamp`,
    /// `eventTime` and `creationTimestamp` (a real server's TTL restarts with every write, and
    /// a recorder bumping `count` also moves `lastTimestamp`); null if it says nothing readable.
    static @Nullable Instant lastWritten(Event event) {
        Instant at = null;
        for (String time : new String[] {event.getLastTimestamp(),
                event.getEventTime() == null ? null : event.getEventTime().getTime(),
                event.getMetadata().getCreationTimestamp()}) {
            Instant parsed = parse(time);
            if (parsed != null && (at == null || parsed.isAfter(at))) {
                at = parsed;
            }
        }
        return at;
    }

    private static @Nullable Instant parse(@Nullable String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
