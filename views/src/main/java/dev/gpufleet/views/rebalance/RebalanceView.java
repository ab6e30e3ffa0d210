package dev.gpufleet.views.rebalance;

import atlantafx.base.theme.Styles;
import dev.gpufleet.core.rebalance.Goal;
import dev.gpufleet.core.rebalance.RebalanceOptions;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.fx.TextColumns;
import dev.gpufleet.views.fx.ViewLifecycle;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import dev.gpufleet.views.rebalance.RebalanceViewModel.Phase;
import dev.gpufleet.views.rebalance.RebalanceViewModel.Planned;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// The rebalance screen: cluster, goal and move limit with "Plan"; the ordered moves (pod,
/// source and its GPUs, target, reason, risk, budgets) and the expected effect; the allocation
/// before and after the moves on two fleet heatmaps side by side (a GPU a pod holds is bright,
/// a free one dark; the moves' sources and targets selected); and the apply pane. A thin view
/// over a [RebalanceViewModel].
public final class RebalanceView extends BorderPane {

    private final RebalanceViewModel model;
    private final FleetHeatmap before = heatmap("rebalance-before");
    private final FleetHeatmap after = heatmap("rebalance-after");

    public RebalanceView(RebalanceViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("rebalance-view");
        setStyle("-fx-padding: 8;");
        setTop(toolbar());
        SplitPane centre = new SplitPane(moves(), heatmaps(), new RebalanceApplyPane(model));
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.3, 0.68);
        setCenter(centre);
        ViewLifecycle.whileInScene(this, this::bind);
    }

    /// Opens the screen in a window of its own, owned by `owner` (its stylesheets too).
    public static Stage openWindow(@Nullable Window owner, RebalanceView view) {
        Stage stage = new Stage();
        Scene scene = new Scene(view, 1300, 900);
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) {
                scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        stage.setTitle("gpufleet — rebalance");
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    public RebalanceViewModel viewModel() {
        return model;
    }

    /// The heatmap of the allocation now.
    public FleetHeatmap beforeHeatmap() {
        return before;
    }

    /// The heatmap of the allocation once the moves are done.
    public FleetHeatmap afterHeatmap() {
        return after;
    }

    private Subscription bind() {
        return Subscription.combine(
                model.plannedProperty().subscribe(this::show),
                before.frameProperty().subscribe(frame -> highlight(before, frame)),
                after.frameProperty().subscribe(frame -> highlight(after, frame)));
    }

    private void show(@Nullable Planned planned) {
        FleetSnapshot none = FleetSnapshot.empty(Instant.EPOCH);
        before.setSnapshot(planned == null ? none : planned.before());
        after.setSnapshot(planned == null ? none : planned.after());
    }

    /// Selects the GPUs of the moves' source and target nodes.
    private void highlight(FleetHeatmap heatmap, HeatmapFrame frame) {
        Planned planned = model.plannedProperty().get();
        if (planned == null) {
            return;
        }
        Set<String> touched = planned.touchedNodes();
        BitSet cells = new BitSet();
        for (int ordinal = 0; ordinal < frame.gpuCount(); ordinal++) {
            if (touched.contains(frame.node(ordinal).name())) {
                cells.set(ordinal);
            }
        }
        heatmap.selectOrdinals(cells, false);
    }

    private VBox toolbar() {
        ComboBox<String> cluster = new ComboBox<>(model.contexts());
        cluster.setId("rebalance-context");
        cluster.valueProperty().bindBidirectional(model.contextProperty());
        cluster.setOnShowing(event -> model.refreshContexts());
        ComboBox<Goal> goal = new ComboBox<>(FXCollections.observableArrayList(Goal.values()));
        goal.setId("rebalance-goal");
        goal.valueProperty().bindBidirectional(model.goalProperty());
        Spinner<Integer> limit = new Spinner<>(0, 1000, RebalanceOptions.DEFAULT_MAX_MOVES);
        limit.setId("rebalance-max-moves");
        limit.setEditable(true);
        limit.setPrefWidth(90);
        limit.getValueFactory().setValue(model.maxMovesProperty().get());
        limit.valueProperty().subscribe(value -> model.maxMovesProperty().set(value));
        Button plan = new Button("Plan");
        plan.setId("rebalance-plan");
        plan.getStyleClass().add(Styles.ACCENT);
        plan.setOnAction(event -> model.plan());
        plan.disableProperty().bind(model.phaseProperty().isEqualTo(Phase.APPLYING)
                .or(model.phaseProperty().isEqualTo(Phase.REPLANNING)));
        HBox bar = new HBox(8, new Label("Cluster"), cluster, new Label("Goal"), goal, new Label("Move limit"), limit, plan);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label status = text("rebalance-status");
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());
        Label error = text("rebalance-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(4, bar, status, error);
    }

    private VBox moves() {
        Label effect = text("rebalance-effect");
        effect.getStyleClass().add(Styles.TEXT_BOLD);
        effect.textProperty().bind(model.effectProperty());
        effect.setMinHeight(Region.USE_PREF_SIZE);
        TableView<MoveRow> table = new TableView<>(model.rows());
        table.setId("rebalance-moves");
        table.setPlaceholder(new Label("No moves: press Plan, or the plan found nothing to move."));
        table.getColumns().setAll(List.of(TextColumns.of("#", row -> Integer.toString(row.step()), 40),
                TextColumns.of("Pod", MoveRow::pod, 240), TextColumns.of("From (GPUs)", MoveRow::from, 200),
                TextColumns.of("To", MoveRow::to, 150), TextColumns.of("Reason", MoveRow::reason, 260),
                TextColumns.of("Risk", MoveRow::risk, 220), TextColumns.of("PDB", MoveRow::budgets, 160)));
        VBox box = new VBox(4, effect, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private VBox heatmaps() {
        HBox pair = new HBox(8, titled("Before: allocation now", before), titled("After the moves", after));
        VBox.setVgrow(pair, Priority.ALWAYS);
        Label caption = new Label("Coloured by allocation: bright = a pod holds the GPU, dark = free."
                + " The moves' source and target nodes are selected.");
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        return new VBox(4, caption, pair);
    }

    private static VBox titled(String title, FleetHeatmap heatmap) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(4, label, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMinWidth(0);
        box.setPrefWidth(600);
        return box;
    }

    private static FleetHeatmap heatmap(String id) {
        FleetHeatmap heatmap = new FleetHeatmap();
        heatmap.setId(id);
        heatmap.setMetric(HeatmapMetric.UTILIZATION);
        heatmap.setSnapshot(FleetSnapshot.empty(Instant.EPOCH));
        heatmap.setMinSize(0, 0);
        return heatmap;
    }

    private static Label text(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        return label;
    }
}
