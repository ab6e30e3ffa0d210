package dev.gpufleet.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.format.Ages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {

    private final StatusBarViewModel model = new StatusBarViewModel();

    @Test
    void listsEachClusterWithItsStateAndMessage() {
        model.update(TestFleets.demo(1, 0), TestFleets.T0.plusSeconds(2));

        assertThat(model.clusters()).hasSize(2);
        ClusterStatusItem west = model.clusters().get(1);
        assertThat(west.state()).isEqualTo(ConnectionState.UNAUTHORIZED);
        assertThat(west.gpuCount()).isEqualTo(256);
        assertThat(west.detail()).startsWith("research-west: UNAUTHORIZED — " + TestFleets.UNAUTHORIZED_MESSAGE)
                .contains("Renew the credentials");
        assertThat(model.gpuSummaryProperty().get())
                .isEqualTo("512 GPUs · 1 failing · 1 warning · 8 without telemetry");
        assertThat(model.snapshotAgeProperty().get()).isEqualTo("updated 2 s ago");
    }

    @Test
    void aSyncingClusterShowsHowFarItsListHasCome() {
        String progress = "syncing 12,500 nodes, 84,000 / ~200,000 pods";
        FleetSnapshot syncing = new FleetSnapshot(1, TestFleets.T0, List.of(new ClusterSnapshot("big",
                new ConnectionStatus(ConnectionState.SYNCING, progress, TestFleets.T0), List.of())));
        FleetSnapshot live = new FleetSnapshot(2, TestFleets.T0, List.of(new ClusterSnapshot("big",
                new ConnectionStatus(ConnectionState.LIVE, null, TestFleets.T0), List.of())));

        model.update(syncing, TestFleets.T0);
        ClusterStatusItem during = model.clusters().getFirst();
        model.update(live, TestFleets.T0);
        ClusterStatusItem after = model.clusters().getFirst();

        assertThat(during.progress()).isEqualTo(progress);
        assertThat(during.chipText()).isEqualTo("big · " + progress);
        assertThat(model.problems()).isEmpty();
        assertThat(after.progress()).isEmpty();
        assertThat(after.chipText()).isEqualTo("big");
    }

    @Test
    void bannersSayWhatHappenedAndWhatToDo() {
        model.update(TestFleets.demo(1, 0), TestFleets.T0);

        assertThat(model.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.title()).isEqualTo("research-west rejected the credentials");
            assertThat(problem.description()).contains(TestFleets.UNAUTHORIZED_MESSAGE,
                    "The other clusters keep updating.").doesNotContain("Renew the credentials");
        });
    }

    @Test
    void withoutAMessageTheGenericAdviceSaysWhatToDo() {
        FleetSnapshot snapshot = new FleetSnapshot(1, TestFleets.T0, List.of(new ClusterSnapshot("c0",
                new ConnectionStatus(ConnectionState.UNREACHABLE, null, TestFleets.T0), List.of())));

        model.update(snapshot, TestFleets.T0);

        assertThat(model.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.description()).startsWith("Check your network or VPN"));
    }

    @Test
    void onlyUnhealthyConnectionsGetBanners() {
        model.update(fleetWith(ConnectionState.LIVE, ConnectionState.SYNCING, ConnectionState.DEGRADED,
                ConnectionState.UNREACHABLE), TestFleets.T0);

        assertThat(model.problems()).extracting(ClusterProblem::state)
                .containsExactly(ConnectionState.DEGRADED, ConnectionState.UNREACHABLE);

    }

    @Test
    void aDismissedBannerReturnsWhenTheStateChangesAgain() {
        model.update(fleetWith(ConnectionState.UNREACHABLE), TestFleets.T0);
        model.dismiss(model.problems().getFirst());
        assertThat(model.problems()).isEmpty();

        model.update(fleetWith(ConnectionState.LIVE), TestFleets.T0);
        model.update(fleetWith(ConnectionState.UNREACHABLE), TestFleets.T0);

        assertThat(model.problems()).hasSize(1);
    }

    @Test
    void anOldSnapshotIsFlagged() {
        model.update(TestFleets.demo(1, 0), TestFleets.T0.plusSeconds(45));

        assertThat(model.snapshotOldProperty().get()).isTrue();
        assertThat(model.snapshotAgeProperty().get()).isEqualTo("updated 45 s ago");
    }

    @Test
    void anEmptyStoreIsWaiting() {
        model.update(FleetSnapshot.empty(TestFleets.T0), TestFleets.T0);

        assertThat(model.snapshotAgeProperty().get()).isEqualTo("waiting for data");
        assertThat(model.gpuSummaryProperty().get()).isEqualTo("0 GPUs");
    }

    private static FleetSnapshot fleetWith(ConnectionState... states) {
        List<ClusterSnapshot> clusters = new java.util.ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            clusters.add(new ClusterSnapshot("c" + i, new ConnectionStatus(states[i], "why " + i, TestFleets.T0),
                    List.of()));
        }
        return new FleetSnapshot(1, TestFleets.T0, clusters);
    }

    @Test
    void aStaleClusterSaysWhichDataIsStaleAndSinceWhenAndTheAgeKeepsCounting() {
        Instant asOf = TestFleets.T0.minusSeconds(40);
        Instant telemetryAsOf = TestFleets.T0.minusSeconds(44);
        ConnectionStatus throttled = new ConnectionStatus(ConnectionState.DEGRADED,
                "API server answering 429 (throttled)", TestFleets.T0.minusSeconds(40), asOf, telemetryAsOf);
        FleetSnapshot snapshot = new FleetSnapshot(1, TestFleets.T0, List.of(new ClusterSnapshot("prod", throttled,
                List.of())));
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

        model.update(snapshot, TestFleets.T0);

        ClusterStatusItem item = model.clusters().getFirst();
        assertThat(item.stale()).isTrue();
        assertThat(item.staleness()).isEqualTo("inventory as of " + clock.format(asOf) + " (40 s ago), GPU telemetry as of "
                + clock.format(telemetryAsOf) + " (44 s ago)");
        assertThat(item.detail()).startsWith("prod: DEGRADED — API server answering 429 (throttled) (since ")
                .contains("; inventory as of " + clock.format(asOf) + " (40 s ago)");

        model.tick(snapshot, TestFleets.T0.plusSeconds(20));

        assertThat(model.clusters().getFirst().staleness()).startsWith("inventory as of " + clock.format(asOf)
                + " (60 s ago)");
    }

    @Test
    void aCurrentClusterIsNotStale() {
        model.update(fleetWith(ConnectionState.LIVE), TestFleets.T0);

        assertThat(model.clusters().getFirst().stale()).isFalse();
        assertThat(model.clusters().getFirst().detail()).doesNotContain("as of");
    }

    @Test
    void aLiveClusterWithStaleNodesSaysHowManySinceWhen() {
        Instant lastGood = TestFleets.T0.minus(Duration.ofMinutes(5));
        FleetSnapshot snapshot = withNodesLastReadAt(Set.of(10, 11, 12), lastGood);
        long gpuNodes = snapshot.clusters().getFirst().nodes().stream().filter(n -> !n.gpus().isEmpty()).count();

        model.update(snapshot, TestFleets.T0);

        ClusterStatusItem east = model.clusters().getFirst();
        String expected = "telemetry stale on 3 of " + gpuNodes + " nodes since " + Ages.clock(lastGood);
        assertThat(east.state()).isEqualTo(ConnectionState.LIVE);
        assertThat(east.staleTelemetry()).isEqualTo(expected);
        assertThat(east.detail()).contains("Telemetry stale on 3 of " + gpuNodes + " nodes since");
        assertThat(model.clusters().get(1).staleTelemetry()).as("research-west reads fresh").isNull();
    }

    @Test
    void readingsGoStaleWhileNoNewSnapshotComes() {
        StatusBarViewModel perCluster = new StatusBarViewModel(cluster -> Duration.ofSeconds(30));
        FleetSnapshot snapshot = TestFleets.demo(1, 0);
        perCluster.update(snapshot, TestFleets.T0);
        assertThat(perCluster.clusters().getFirst().staleTelemetry()).isNull();

        perCluster.tick(snapshot, TestFleets.T0.plusSeconds(31));

        assertThat(perCluster.clusters().getFirst().staleTelemetry())
                .startsWith("telemetry stale on ").endsWith(" since " + Ages.clock(TestFleets.T0));
    }

    /// The demo fleet with prod-east's nodes at `positions` last read at `at`, their exporter failing.
    private static FleetSnapshot withNodesLastReadAt(Set<Integer> positions, Instant at) {
        FleetSnapshot demo = TestFleets.demo(1, 0);
        ClusterSnapshot east = demo.clusters().getFirst();
        List<NodeSnapshot> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < east.nodes().size(); i++) {
            NodeSnapshot n = east.nodes().get(i);
            nodes.add(positions.contains(i)
                    ? new NodeSnapshot(n.node(), n.gpus(), n.pods(), at, "exporter answered 500") : n);
        }
        return new FleetSnapshot(2, demo.time(), List.of(new ClusterSnapshot(east.name(), east.connection(), nodes),
                demo.clusters().get(1)));
    }
}
