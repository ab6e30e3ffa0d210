package dev.gpufleet.views.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterListViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private final ClusterControl control = new ClusterControl() {
        @Override
        public void connect(ClusterEntry entry) {
            calls.add("connect " + entry.name());
        }

        @Override
        public void disconnect(ClusterEntry entry) {
            calls.add("disconnect " + entry.name());
        }
    };

    private final ClusterListViewModel model = new ClusterListViewModel(
            List.of(new ClusterEntry("prod", "~/.kube/config"), new ClusterEntry("demo", "built-in simulator")),
            Set.of("prod"), control);

    @Test
    void togglingAnEntryAsksTheControl() {
        model.item("demo").connectedProperty().set(true);
        model.item("prod").connectedProperty().set(false);

        assertThat(calls).containsExactly("connect demo", "disconnect prod");
    }

    @Test
    void statesComeFromTheSnapshot() {
        FleetSnapshot snapshot = new FleetSnapshot(3, T0, List.of(new ClusterSnapshot("prod",
                new ConnectionStatus(ConnectionState.UNAUTHORIZED, "token rejected: log in again", T0), List.of())));

        model.update(snapshot);

        assertThat(model.item("prod").stateProperty().get()).isEqualTo(ConnectionState.UNAUTHORIZED);
        assertThat(model.item("prod").messageProperty().get()).isEqualTo("token rejected: log in again");
        assertThat(model.item("demo").stateProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(calls).isEmpty();
    }

    private static ClusterSnapshot cluster(String name, ConnectionState state, String message) {
        return new ClusterSnapshot(name, new ConnectionStatus(state, message, T0), List.of());
    }

    @Test
    void eachRowHasItsOwnBannerForItsOwnState() {
        ClusterListViewModel many = new ClusterListViewModel(List.of(new ClusterEntry("live", "a"),
                new ClusterEntry("syncing", "a"), new ClusterEntry("degraded", "a"), new ClusterEntry("gone", "a"),
                new ClusterEntry("denied", "a"), new ClusterEntry("off", "a")),
                Set.of("live", "syncing", "degraded", "gone", "denied"), control);

        many.update(new FleetSnapshot(1, T0, List.of(cluster("live", ConnectionState.LIVE, null),
                cluster("syncing", ConnectionState.SYNCING, "6,000 of 12,500 nodes"),
                cluster("degraded", ConnectionState.DEGRADED, "No GPU exporter pods were found"),
                cluster("gone", ConnectionState.UNREACHABLE, "connection refused"),
                cluster("denied", ConnectionState.UNAUTHORIZED, "401 Unauthorized"))));

        assertThat(many.item("live").bannerProperty().get()).isEmpty();
        assertThat(many.item("syncing").bannerProperty().get()).isEqualTo("6,000 of 12,500 nodes");
        assertThat(many.item("degraded").bannerProperty().get())
                .isEqualTo("degraded is degraded: No GPU exporter pods were found");
        assertThat(many.item("gone").bannerProperty().get()).isEqualTo("gone cannot be reached: connection refused");
        assertThat(many.item("denied").bannerProperty().get())
                .isEqualTo("denied rejected the credentials: 401 Unauthorized");
        assertThat(many.item("off").bannerProperty().get()).isEmpty();
        assertThat(many.item("off").stateProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void anEditedKubeconfigAddsAndDropsRowsAndKeepsTheRest() {
        model.update(new FleetSnapshot(1, T0, List.of(cluster("prod", ConnectionState.LIVE, null))));
        ClusterListViewModel.Item prod = model.item("prod");

        model.showEntries(List.of(new ClusterEntry("staging", "~/.kube/staging"),
                new ClusterEntry("prod", "~/.kube/config"), new ClusterEntry("demo", "built-in simulator")));

        assertThat(model.items()).extracting(item -> item.entry().name()).containsExactly("staging", "prod", "demo");
        assertThat(model.item("prod")).as("a row that stays is the same row").isSameAs(prod);
        assertThat(prod.connectedProperty().get()).isTrue();
        assertThat(prod.stateProperty().get()).isEqualTo(ConnectionState.LIVE);
        assertThat(model.item("staging").connectedProperty().get()).isFalse();
        assertThat(calls).as("showing the list connects nothing").isEmpty();

        model.showEntries(List.of(new ClusterEntry("staging", "~/.kube/staging")));
        assertThat(model.items()).extracting(item -> item.entry().name()).containsExactly("staging");
        prod.connectedProperty().set(false);
        assertThat(calls).as("a dropped row no longer drives connections").isEmpty();
        model.item("staging").connectedProperty().set(true);
        assertThat(calls).containsExactly("connect staging");
    }

    @Test
    void aKubeconfigProblemIsShownUntilCleared() {
        model.showKubeconfigProblem("~/.kube/config: line 7: mapping values are not allowed here");
        assertThat(model.kubeconfigProblemProperty().get()).contains("line 7");
        model.showKubeconfigProblem("");
        assertThat(model.kubeconfigProblemProperty().get()).isEmpty();
    }
}
