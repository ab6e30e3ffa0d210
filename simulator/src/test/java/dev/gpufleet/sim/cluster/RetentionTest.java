package dev.gpufleet.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.LazySource;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.ResourceVersions;
import dev.gpufleet.sim.store.Selection;
import dev.gpufleet.sim.store.WatchEvent;
import dev.gpufleet.sim.store.WatchSubscription;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// Events expire as kube-apiserver's `--event-ttl` expires them, a cap keeps the newest, and
/// watchers hear of each deletion; driven by the cluster's tick on a hand-moved clock.
class RetentionTest {

    private Instant now = Instant.parse("2025-06-02T09:00:00Z");
    private final InstantSource clock = () -> now;
    private SimulatedCluster cluster;

    @BeforeEach
    void plan() {
        cluster = new SimulatedCluster(FleetPlanner.plan(4, 0, 8, 42), new SimClock(clock));
    }

    private void tick(Duration step) {
        now = now.plus(step);
        cluster.advancePods();
    }

    private Event event(String name) {
        String time = Times.time(now);
        return new EventBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewInvolvedObject().withKind("Node").withName("gpu-h100-b-001").endInvolvedObject()
                .withType("Normal").withReason("Test").withMessage(name).withCount(1)
                .withFirstTimestamp(time).withLastTimestamp(time).build();
    }

    private void record(ResourceStore<Event> events, String name) {
        events.create(event(name), Times.time(now));
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        cluster.events().list(null, Selection.everything(), 0, null, e -> names.add(e.getMetadata().getName()));
        return names;
    }

    private static List<String> deleted(WatchSubscription watch) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (WatchEvent e = watch.next(0); e != null; e = watch.next(0)) {
            if (e.type().equals("DELETED")) {
                names.add(e.object().getMetadata().getName());
            }
        }
        return names;
    }

    @Test
    void eventsPastTheTtlAreDeletedAndWatchersSeeIt() throws InterruptedException {
        List<String> initial = names();
        assertThat(initial).isNotEmpty();
        try (WatchSubscription watch = cluster.events().subscribe(-1)) {
            record(cluster.events(), "fresh");
            tick(Retention.EVENT_TTL.minusMinutes(1));
            assertThat(names()).contains("fresh");

            tick(Duration.ofMinutes(1).plus(Retention.SWEEP_INTERVAL));

            assertThat(names()).doesNotContain("fresh").doesNotContainAnyElementsOf(initial);
            assertThat(deleted(watch)).contains("fresh").containsAll(initial);
        }
    }

    @Test
    void anEventWrittenAgainLivesATtlFromItsLastWrite() {
        record(cluster.events(), "repeated");
        tick(Duration.ofMinutes(50));
        String later = Times.time(now);
        cluster.events().update("default", "repeated", e -> new EventBuilder(e).withCount(2)
                .withLastTimestamp(later).build());

        tick(Duration.ofMinutes(30));
        assertThat(names()).contains("repeated");

        tick(Duration.ofMinutes(31));
        assertThat(names()).doesNotContain("repeated");
    }

    @Test
    void theCapKeepsTheNewestEvents() throws InterruptedException {
        int extra = 25;
        List<String> made = IntStream.range(0, Retention.EVENT_CAP + extra).mapToObj(i -> "e-" + i).toList();
        try (WatchSubscription watch = cluster.events().subscribe(-1)) {
            for (String name : made) {
                now = now.plusSeconds(1);
                record(cluster.events(), name);
            }
            tick(Retention.SWEEP_INTERVAL);

            assertThat(cluster.events().size()).isEqualTo(Retention.EVENT_CAP);
            assertThat(names()).containsExactlyInAnyOrderElementsOf(made.subList(extra, made.size()));
            assertThat(deleted(watch)).containsAll(made.subList(0, extra));
        }
    }

    @Test
    void aClusterThatStartsWithMoreEventsThanTheCapKeepsThatMany() {
        ResourceVersions versions = new ResourceVersions();
        List<Event> initial = IntStream.range(0, Retention.EVENT_CAP + 100).mapToObj(i -> event("initial-" + i))
                .toList();
        ResourceStore<Event> events = new ResourceStore<>(Resources.EVENTS, Event.class, LazySource.fixed(initial),
                versions, clock);
        Retention retention = new Retention(List.of(events), events);

        retention.sweep(now);
        assertThat(events.size()).isEqualTo(retention.eventLimit()).isEqualTo(Retention.EVENT_CAP + 100);

        now = now.plus(Retention.SWEEP_INTERVAL);
        record(events, "newer");
        retention.sweep(now);
        assertThat(events.size()).isEqualTo(Retention.EVENT_CAP + 100);
        assertThat(events.get("default", "newer")).isNotNull();
    }
}
