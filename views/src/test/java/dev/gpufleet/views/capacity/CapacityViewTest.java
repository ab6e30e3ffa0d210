package dev.gpufleet.views.capacity;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteScope;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// The capacity screen in a window, without a robot: it refreshes itself while showing, fills
/// its tiles and chart, colours the categories the legend's way in both themes, and its scope
/// buttons switch the table.
@ExtendWith(ApplicationExtension.class)
class CapacityViewTest {

    private final WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());
    private final FleetSnapshot fleet = TestFleets.demo(1, 0);
    private CapacityView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        ledger.accept(at(0));
        ledger.accept(at(10));
        view = new CapacityView(new CapacityViewModel(ledger::report, Runnable::run, Runnable::run));
        scene = new Scene(view, 1300, 860);
        stage.setScene(scene);
        stage.show();
    }

    private FleetSnapshot at(int second) {
        return new FleetSnapshot(1 + second, TestFleets.T0.plusSeconds(second), fleet.clusters());
    }

    @Test
    void itFillsTheTilesAndTheChartWhileShowing() {
        // The screen asks for a report each second; each new snapshot must reach it on its own.
        for (int second = 20; second <= 40; second += 10) {
            ledger.accept(at(second));
            java.time.Instant end = TestFleets.T0.plusSeconds(second);
            await("the report up to " + end, () -> view.viewModel().reportProperty().get() != null
                    && view.viewModel().reportProperty().get().to().equals(end));
        }
        String used = onFx(() -> ((Label) view.lookup("#capacity-tile-used")).getText());
        assertThat(used).matches("[0-9.,]+ GPU-h · [0-9.]+ %");
        String cost = onFx(() -> ((Label) view.lookup("#capacity-idle-cost")).getText());
        assertThat(cost).matches("\\$[0-9.,]+");
        int areas = onFx(() -> view.lookupAll(".chart-series-area-fill").size());
        assertThat(areas).isEqualTo(CategoryLook.ORDER.size());
        assertThat(view.viewModel().pointsProperty().get()).hasSize(3);
        CapacityChart chart = (CapacityChart) onFx(() -> view.lookup("#capacity-chart"));
        assertThat(onFx(() -> chart.getData().getFirst().getData().size())).isEqualTo(3);
    }

    @Test
    void categoriesKeepTheirColoursInBothThemes() {
        await("a report is shown", () -> view.viewModel().reportProperty().get() != null);
        for (Theme theme : Theme.values()) {
            onFx(() -> {
                theme.applyTo(scene);
                scene.getRoot().applyCss();
                return null;
            });
            for (CategoryLook look : CategoryLook.ORDER) {
                Color fill = onFx(() -> (Color) ((Path) view.lookup(".default-color" + look.ordinal()
                        + ".chart-series-area-fill")).getFill());
                Color expected = Color.web(look.colour());
                assertThat(fill.getRed()).as(theme + " " + look).isCloseTo(expected.getRed(),
                        org.assertj.core.api.Assertions.within(0.01));
                assertThat(fill.getBlue()).as(theme + " " + look).isCloseTo(expected.getBlue(),
                        org.assertj.core.api.Assertions.within(0.01));
            }
        }
    }

    @Test
    void theScopeButtonsSwitchTheTable() {
        await("a report is shown", () -> view.viewModel().reportProperty().get() != null);
        onFx(() -> {
            ((ToggleButton) view.lookup("#capacity-scope-node")).fire();
            return null;
        });
        assertThat(view.viewModel().scopeProperty().get()).isEqualTo(WasteScope.NODE);
        Node table = onFx(() -> view.lookup("#capacity-table"));
        assertThat(onFx(() -> ((javafx.scene.control.TableView<?>) table).getItems().size())).isEqualTo(64);
        assertThat(onFx(() -> ((ToggleButton) view.lookup("#capacity-scope-node")).isSelected())).isTrue();
        assertThat(onFx(() -> ((ToggleButton) view.lookup("#capacity-scope-pool")).isSelected())).isFalse();
    }
}
