package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.WasteScope;
import dev.gpufleet.views.export.ExportDialogs;
import dev.gpufleet.views.fx.ViewLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// The capacity screen: tiles (GPU-hours per category with their share, idle cost, idle energy,
/// stranded GPUs now), the stacked trend, a sortable table per scope with CSV export, the top
/// wasters and the pending GPU pods. A thin view over a [CapacityViewModel]; while its window
/// shows it asks for a new report once a second.
public final class CapacityView extends BorderPane {

    private static final String STYLESHEET =
            Objects.requireNonNull(CapacityView.class.getResource("capacity.css")).toExternalForm();
    private static final Duration REFRESH = Duration.seconds(1);

    private final CapacityViewModel model;
    private final CapacityChart chart = new CapacityChart();
    private final List<Label> tileValues = new ArrayList<>();
    private final Label idleCost = value("capacity-idle-cost");
    private final Label idleEnergy = value("capacity-idle-energy");
    private final Label strandedNow = value("capacity-stranded-now");
    private final Label status = new Label();
    private Consumer<String> onWaster = workload -> { };
    private final Button rebalance = new Button("Rebalance…");

    public CapacityView(CapacityViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("capacity-view");
        getStylesheets().add(STYLESHEET);
        status.setId("capacity-status");
        status.setWrapText(true);
        status.getStyleClass().add("capacity-status");
        rebalance.setId("capacity-rebalance");
        rebalance.setTooltip(new Tooltip("Plan pod moves that free whole nodes for the pending GPU pods"));
        rebalance.setVisible(false);
        rebalance.managedProperty().bind(rebalance.visibleProperty());
        HBox statusRow = new HBox(8, status, rebalance);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        setTop(new VBox(6, tiles(), statusRow));
        SplitPane centre = new SplitPane(chart, tabs());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.42);
        setCenter(centre);
        ViewLifecycle.whileInScene(this, this::bind);
        ViewLifecycle.whileShowing(this, this::refreshing);
    }

    /// Opens the screen in a window of its own, owned by `owner` (its stylesheets too).
    public static Stage openWindow(@Nullable Window owner, CapacityView view) {
        Stage stage = new Stage();
        Scene scene = new Scene(view, 1300, 860);
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) {
                scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        stage.setTitle("gpufleet — capacity");
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    public CapacityViewModel viewModel() {
        return model;
    }

    /// What the "Rebalance…" button does; the button shows once this is set.
    public void setOnRebalance(Runnable action) {
        Objects.requireNonNull(action, "action");
        rebalance.setOnAction(event -> action.run());
        rebalance.setVisible(true);
    }

    /// What choosing a top waster does with its workload key (the app selects its GPUs in the heatmap).
    public void setOnWasterSelected(Consumer<String> action) {
        onWaster = Objects.requireNonNull(action, "action");
    }

    private Subscription refreshing() {
        Timeline timeline = new Timeline(new KeyFrame(REFRESH, event -> model.refresh()));
        timeline.setCycleCount(Animation.INDEFINITE);
        model.refresh();
        timeline.play();
        return timeline::stop;
    }

    private Subscription bind() {
        return Subscription.combine(
                model.statusProperty().subscribe(status::setText),
                model.pointsProperty().subscribe(points -> {
                    chart.show(points);
                    strandedNow.setText(String.format(Locale.ROOT, "%.1f", model.strandedNow()));
                }),
                model.reportProperty().subscribe(report -> {
                    idleCost.setText(report == null ? "–" : CapacityText.dollars(report.fleet().idleDollars()));
                    idleEnergy.setText(report == null ? "–" : CapacityText.kwh(report.fleet().idleKwh()));
                    showTiles();
                }));
    }

    private void showTiles() {
        List<CapacityViewModel.Tile> tiles = model.tiles();
        for (int i = 0; i < tiles.size() && i < tileValues.size(); i++) {
            CapacityViewModel.Tile tile = tiles.get(i);
            tileValues.get(i).setText(CapacityText.hours(tile.hours()) + " GPU-h · " + CapacityText.percent(tile.percent()));
        }
    }

    private FlowPane tiles() {
        FlowPane pane = new FlowPane(8, 8);
        pane.getStyleClass().add("capacity-tiles");
        for (CategoryLook look : CategoryLook.ORDER) {
            Label value = value("capacity-tile-" + look.category().id());
            tileValues.add(value);
            Rectangle swatch = new Rectangle(12, 12, Color.web(look.colour()));
            Label title = new Label(look.label(), swatch);
            pane.getChildren().add(tile(title, value));
        }
        Label stranded = new Label("Stranded GPUs now");
        stranded.setTooltip(new Tooltip("Free GPUs on nodes that cannot fit any pending GPU pod, on average over "
                + "the chart's newest bucket"));
        pane.getChildren().addAll(tile(new Label("Idle cost"), idleCost), tile(new Label("Idle energy"), idleEnergy),
                tile(stranded, strandedNow));
        return pane;
    }

    private static VBox tile(Label title, Label value) {
        title.getStyleClass().add("tile-title");
        VBox tile = new VBox(2, title, value);
        tile.getStyleClass().add("capacity-tile");
        return tile;
    }

    private static Label value(String id) {
        Label label = new Label("–");
        label.setId(id);
        label.getStyleClass().add("tile-value");
        return label;
    }

    private TabPane tabs() {
        Tab scopes = new Tab("By scope", scopePane());
        Tab wasters = new Tab("Top wasters", wasterList());
        Tab pending = new Tab("Pending GPU pods", CapacityTables.pendingTable(model.pending()));
        pending.setId("capacity-pending-tab");
        model.pending().subscribe(() -> pending.setText("Pending GPU pods (" + model.pending().size() + ")"));
        TabPane tabs = new TabPane(scopes, wasters, pending);
        tabs.setId("capacity-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private BorderPane scopePane() {
        HBox bar = new HBox(6);
        bar.setAlignment(Pos.CENTER_LEFT);
        ToggleGroup group = new ToggleGroup();
        for (WasteScope scope : CapacityViewModel.SCOPES) {
            ToggleButton button = new ToggleButton(scope.id().substring(0, 1).toUpperCase(Locale.ROOT)
                    + scope.id().substring(1));
            button.setId("capacity-scope-" + scope.id());
            button.setToggleGroup(group);
            button.setSelected(scope == model.scopeProperty().get());
            button.setOnAction(event -> {
                model.scopeProperty().set(scope);
                button.setSelected(true);
            });
            bar.getChildren().add(button);
        }
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button export = new Button("Export CSV…");
        export.setId("capacity-export");
        export.setOnAction(event -> {
            List<List<String>> rows = model.csvRows();
            ExportDialogs.csv(this, "gpufleet-capacity-" + model.scopeProperty().get().id() + ".csv",
                    CapacityRow.CSV_HEADER, () -> rows);
        });
        bar.getChildren().addAll(spacer, export);
        BorderPane pane = new BorderPane(CapacityTables.scopeTable(model.rows()));
        bar.getStyleClass().add("capacity-scope-bar");
        pane.setTop(bar);
        return pane;
    }

    private ListView<CapacityRow> wasterList() {
        ListView<CapacityRow> list = new ListView<>(model.topWasters());
        list.setId("capacity-wasters");
        list.setPlaceholder(new Label("No workload has idled on its GPUs yet"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(CapacityRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.key() + " — " + CapacityText.hours(row.hours(CategoryLook.IDLE_ALLOCATED))
                        + " idle GPU-h, " + CapacityText.dollars(row.idleCost()));
            }
        });
        list.getSelectionModel().selectedItemProperty().subscribe(row -> {
            if (row != null) {
                onWaster.accept(row.key());
            }
        });
        return list;
    }
}
