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
}
