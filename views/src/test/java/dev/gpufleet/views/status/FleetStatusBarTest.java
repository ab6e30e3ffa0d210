package dev.gpufleet.views.status;

import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// The status bar in a real window: a cluster whose inventory is stale says so on its chip.
@ExtendWith(ApplicationExtension.class)
class FleetStatusBarTest {

    private final StatusBarViewModel model = new StatusBarViewModel();
    private FleetStatusBar bar;

    @Start
    void start(Stage stage) {
        bar = new FleetStatusBar(model);
        stage.setScene(new Scene(bar, 1200, 40));
        stage.show();
    }

    @Test
    void aStaleClusterChipSaysSinceWhen() throws Exception {
        ConnectionStatus throttled = new ConnectionStatus(ConnectionState.DEGRADED, "API server answering 429 (throttled)",
                TestFleets.T0, TestFleets.T0.minusSeconds(40), null);
        FleetSnapshot snapshot = new FleetSnapshot(1, TestFleets.T0, List.of(new ClusterSnapshot("prod", throttled,
                List.of())));

        Label chip = onFx(() -> {
            model.update(snapshot, TestFleets.T0);
            return (Label) bar.lookup(".cluster-chip");
        });

        assertThat(chip.getText()).startsWith("prod · DEGRADED · inventory as of ").endsWith("(40 s ago)");
        assertThat(chip.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("stale"));
        assertThat(chip.getTooltip().getText()).contains("API server answering 429 (throttled)", "inventory as of");
    }
}
