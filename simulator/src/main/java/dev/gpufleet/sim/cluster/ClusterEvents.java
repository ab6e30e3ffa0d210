package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/// Records the Events the simulated controllers and scheduler would write: one object per
/// occurrence, named `<involved>.<hex>` as the API server's clients name them.
final class ClusterEvents {

    private final ResourceStore<Event> events;
    private final AtomicLong sequence = new AtomicLong();

    ClusterEvents(ResourceStore<Event> events) {
        this.events = events;
    }

    /// A reference to `object` for an event's `involvedObject`.
    static ObjectReference ref(HasMetadata object) {
        return new ObjectReferenceBuilder().withKind(object.getKind()).withApiVersion(object.getApiVersion())
                .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                .build();
    }

    /// Records one event about `involved`, by `component` (on `host` when a kubelet writes it).
    void record(ObjectReference involved, String type, String reason, String message, String component,
            @Nullable String host, Instant at) {
        String time = Times.time(at);
        String namespace = involved.getNamespace() == null ? "default" : involved.getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(namespace)
                    .withName(involved.getName() + "." + Long.toHexString(at.toEpochMilli() * 1_000 + sequence.incrementAndGet()))
                .endMetadata()
                .withInvolvedObject(involved).withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component).withReportingInstance(host == null ? "" : host)
                .withCount(1).withFirstTimestamp(time).withLastTimestamp(time)
                .build();
        events.create(event, time);
    }
}
