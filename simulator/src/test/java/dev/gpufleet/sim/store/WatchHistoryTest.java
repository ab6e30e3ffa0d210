package dev.gpufleet.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/// How far back a watch can start: the store's history is bounded by count and by the
/// compaction window, and a watch from a version the history no longer reaches gets 410, as
/// kube-apiserver answers after etcd compacted (`too old resource version`).
class WatchHistoryTest {

    private static final ResourceType CONFIGMAPS = new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap",
            true, List.of("cm"), ResourceType.READ_WRITE, List.of());

    private Instant now = Instant.parse("2025-06-02T09:00:00Z");
    private final InstantSource clock = () -> now;
    private final ResourceVersions versions = new ResourceVersions();

    private ResourceStore<ConfigMap> store() {
        return new ResourceStore<>(CONFIGMAPS, ConfigMap.class, LazySource.fixed(List.of(configMap("seed"))),
                versions, clock);
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .addToData("k", "v").build();
    }

    private long create(ResourceStore<ConfigMap> store, String name) {
        return Long.parseLong(store.create(configMap(name), now.toString()).getMetadata().getResourceVersion());
    }

    private void pass(Duration time) {
        now = now.plus(time);
    }

    private static int goneCode(Runnable subscribe) {
        try {
            subscribe.run();
            return 200;
        } catch (ApiException e) {
            return e.code();
        }
    }

    private static List<String> names(WatchSubscription watch) {
        return watch.replay().stream().map(e -> e.type() + " " + e.object().getMetadata().getName()).toList();
    }

    @Test
    void aWatchFromInsideTheWindowReplaysWhatCameAfter() {
        ResourceStore<ConfigMap> store = store();
        long first = create(store, "a");
        pass(Duration.ofMinutes(2));
        create(store, "b");
        pass(Duration.ofMinutes(2));
        store.delete("default", "a");

        try (WatchSubscription watch = store.subscribe(first)) {
            assertThat(names(watch)).containsExactly("ADDED b", "DELETED a");
        }
    }

    @Test
    void aWatchFromBeforeTheCompactionWindowGetsGoneEvenWithRoomLeftInTheCount() {
        ResourceStore<ConfigMap> store = store();
        long before = store.resourceVersion();
        long old = create(store, "old");
        pass(Duration.ofMinutes(4));
        long recent = create(store, "recent");
        pass(Duration.ofMinutes(1).plusSeconds(1));

        assertThatThrownBy(() -> store.subscribe(before))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                    assertThat(e.getMessage()).startsWith("too old resource version: " + before);
                });
        // From the version of the change let go of, nothing is missing: the later one replays.
        try (WatchSubscription watch = store.subscribe(old)) {
            assertThat(names(watch)).containsExactly("ADDED recent");
        }
        try (WatchSubscription watch = store.subscribe(recent)) {
            assertThat(watch.replay()).isEmpty();
        }
    }

    @Test
    void aStoreThatStopsChangingLetsGoOfItsHistoryOnSubscribeAndOnCompact() {
        ResourceStore<ConfigMap> store = store();
        long start = store.resourceVersion();
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = create(store, "cm-" + i);
        }
        pass(Duration.ofMinutes(6));

        long at = last;
        assertThat(goneCode(() -> store.subscribe(start).close())).isEqualTo(410);
        assertThat(goneCode(() -> store.subscribe(at - 1).close())).isEqualTo(410);
        assertThat(goneCode(() -> store.subscribe(at).close())).isEqualTo(200);
        // The initial objects are still listed; only the replay of their changes is gone.
        assertThat(store.size()).isEqualTo(11);

        WatchHistory history = new WatchHistory(clock);
        history.add(new WatchEvent("ADDED", 5, configMap("x")));
        pass(Duration.ofMinutes(5).plusMillis(1));
        assertThat(history.size()).isOne();
        history.compact();
        assertThat(history.size()).isZero();
        assertThat(history.evictedThrough()).isEqualTo(5);
    }

    @Test
    void aStoreThatNeverChangedReplaysItsInitialObjectsWhateverTheTime() {
        ResourceStore<ConfigMap> store = store();
        long beforeSeed = store.resourceVersion() - 1;
        pass(Duration.ofHours(2));

        try (WatchSubscription watch = store.subscribe(beforeSeed)) {
            assertThat(names(watch)).containsExactly("ADDED seed");
        }
    }

    @Test
    void theCountStillBoundsABusyStoreWithinTheWindow() {
        WatchHistory history = new WatchHistory(clock, 3, Duration.ofMinutes(5));
        for (long version = 1; version <= 5; version++) {
            history.add(new WatchEvent("ADDED", version, configMap("cm-" + version)));
        }
        List<WatchEvent> replay = new ArrayList<>();
        history.replayAfter(0, replay);

        assertThat(replay).extracting(WatchEvent::resourceVersion).containsExactly(3L, 4L, 5L);
        assertThat(history.evictedThrough()).isEqualTo(2);

        ResourceStore<ConfigMap> store = store();
        long start = store.resourceVersion();
        for (int i = 0; i <= WatchHistory.MAX_EVENTS; i++) {
            create(store, "cm-" + i);
        }
        assertThat(goneCode(() -> store.subscribe(start).close())).isEqualTo(410);
        assertThat(goneCode(() -> store.subscribe(start + 1).close())).isEqualTo(200);
    }

    @Test
    void eventsAreLetGoOfInOrderAsTimePasses() {
        WatchHistory history = new WatchHistory(clock);
        history.add(new WatchEvent("ADDED", 10, configMap("a")));
        pass(Duration.ofMinutes(3));
        history.add(new WatchEvent("ADDED", 20, configMap("b")));
        pass(Duration.ofMinutes(3));
        history.add(new WatchEvent("ADDED", 30, configMap("c")));

        List<WatchEvent> replay = new ArrayList<>();
        history.replayAfter(0, replay);
        assertThat(replay).extracting(WatchEvent::resourceVersion).containsExactly(20L, 30L);
        assertThat(history.evicted()).isTrue();
        assertThat(history.evictedThrough()).isEqualTo(10);
    }
}
