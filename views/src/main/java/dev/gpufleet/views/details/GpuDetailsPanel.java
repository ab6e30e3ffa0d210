package dev.gpufleet.views.details;

import atlantafx.base.theme.Styles;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.views.details.DetailRows.Field;
import dev.gpufleet.views.details.DetailRows.MetricRow;
import dev.gpufleet.views.details.DetailRows.MigRow;
import dev.gpufleet.views.details.DetailRows.PodRow;
import dev.gpufleet.views.fx.ViewLifecycle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// The right-hand panel: everything about the selected GPU, from a [GpuDetailsViewModel].
///
/// A thin view: it binds labels and tables to the view model while it is in a scene and
/// releases them when removed.
public final class GpuDetailsPanel extends ScrollPane {

    private static final String STYLESHEET =
            Objects.requireNonNull(GpuDetailsPanel.class.getResource("gpu-details.css")).toExternalForm();
    private static final double ROW_HEIGHT = 24;
    /// Column header plus borders, so a table sized to its rows needs no scroll bar of its own.
    private static final double HEADER_HEIGHT = 40;

    private final GpuDetailsViewModel model;
    private final Label heading = new Label();
    private final Label healthBadge = new Label();
    private final Label message = new Label();
    private final Label healthReason = new Label();
    private final GridPane nodeGrid = new GridPane();
    private final GridPane gpuGrid = new GridPane();
    private final TableView<MetricRow> metricTable = new TableView<>();
    private final TableView<MigRow> migTable = new TableView<>();
    private final TableView<PodRow> gpuPodTable = new TableView<>();
    private final TableView<PodRow> nodePodTable = new TableView<>();
    private final VBox sections = new VBox();

    public GpuDetailsPanel(GpuDetailsViewModel model) {
        this.model = model;
        getStyleClass().add("gpu-details");
        getStylesheets().add(STYLESHEET);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        heading.getStyleClass().addAll(Styles.TITLE_4, "details-heading");
        healthBadge.getStyleClass().add("health-badge");
        message.getStyleClass().addAll(Styles.TEXT_MUTED, "details-message");
        message.setWrapText(true);
        healthReason.getStyleClass().add("health-reason");
        healthReason.setWrapText(true);
        buildTables();
        HBox header = new HBox(heading, healthBadge);
        header.getStyleClass().add("details-header");
        sections.getChildren().addAll(healthReason,
                section("Node", nodeGrid), section("GPU", gpuGrid), section("Metrics", metricTable),
                section("MIG instances", migTable), section("Pods on this GPU", gpuPodTable),
                section("GPU pods on this node", nodePodTable));
        VBox content = new VBox(header, message, sections);
        content.getStyleClass().add("details-content");
        setContent(content);
        ViewLifecycle.whileInScene(this, this::bind);
    }

    private Subscription bind() {
        return Subscription.combine(
                model.headingProperty().subscribe(heading::setText),
                model.messageProperty().subscribe(text -> show(message, !text.isEmpty(), text)),
                model.healthReasonProperty().subscribe(healthReason::setText),
                model.healthProperty().subscribe(this::showHealth),
                model.presentProperty().subscribe(present -> show(sections, present, null)),
                model.presentProperty().subscribe(present -> healthBadge.setVisible(present)),
                fields(nodeGrid, model.nodeFields()),
                fields(gpuGrid, model.gpuFields()),
                items(metricTable, model.metrics()),
                items(migTable, model.migInstances()),
                items(gpuPodTable, model.gpuPods()),
                items(nodePodTable, model.nodeGpuPods()));
    }

    private void buildTables() {
        metricTable.getColumns().add(column("Metric", MetricRow::name));
        TableColumn<MetricRow, String> value = column("Value", MetricRow::value);
        value.setCellFactory(c -> new MetricValueCell());
        metricTable.getColumns().add(value);
        migTable.getColumns().addAll(List.of(column("ID", MigRow::instance), column("Profile", MigRow::profile),
                column("Util.", MigRow::utilization), column("Memory", MigRow::memory),
                column("Pods", MigRow::pods)));
        for (TableView<PodRow> pods : List.of(gpuPodTable, nodePodTable)) {
            pods.getColumns().addAll(List.of(column("Pod", PodRow::pod), column("Uses", PodRow::usage),
                    column("Phase", PodRow::state)));
        }
        gpuPodTable.setPlaceholder(new Label("No pods attributed to this GPU"));
        nodePodTable.setPlaceholder(new Label("No pods on this node request GPUs"));
        migTable.setPlaceholder(new Label("MIG is not enabled on this GPU"));
        for (TableView<?> table : List.of(metricTable, migTable, gpuPodTable, nodePodTable)) {
            table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
            table.setFixedCellSize(ROW_HEIGHT);
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        }
    }

    /// Shows `fields` in `grid` now and whenever they change.
    private static Subscription fields(GridPane grid, ObservableList<Field> fields) {
        fill(grid, fields);
        return fields.subscribe(() -> fill(grid, fields));
    }

    /// Shows `rows` in `table` while bound, sized to fit them so the panel scrolls as a whole.
    private static <T> Subscription items(TableView<T> table, ObservableList<T> rows) {
        table.setItems(rows);
        table.prefHeightProperty().unbind();
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> ROW_HEIGHT * Math.max(1, rows.size()) + HEADER_HEIGHT, rows));
        table.setMinHeight(Region.USE_PREF_SIZE);
        return () -> {
            table.prefHeightProperty().unbind();
            table.setItems(FXCollections.observableArrayList());
        };
    }

    private void showHealth(Health health) {
        healthBadge.setText(health.name());
        for (Health each : Health.values()) {
            PseudoClass state = PseudoClass.getPseudoClass(each.name().toLowerCase(Locale.ROOT));
            healthBadge.pseudoClassStateChanged(state, each == health);
            healthReason.pseudoClassStateChanged(state, each == health);
        }
    }

    private static void fill(GridPane grid, List<Field> fields) {
        grid.getChildren().clear();
        for (int row = 0; row < fields.size(); row++) {
            Label key = new Label(fields.get(row).label());
            key.getStyleClass().add("field-key");
            Label value = new Label(fields.get(row).value());
            value.getStyleClass().add("field-value");
            value.setWrapText(true);
            grid.addRow(row, key, value);
        }
    }

    private static void show(Node node, boolean visible, @Nullable String text) {
        node.setVisible(visible);
        node.setManaged(visible);
        if (text != null && node instanceof Label label) {
            label.setText(text);
        }
    }

    private static VBox section(String title, Node body) {
        Label caption = new Label(title);
        caption.getStyleClass().addAll(Styles.TEXT_CAPTION, "section-title");
        VBox box = new VBox(caption, body);
        box.getStyleClass().add("details-section");
        VBox.setVgrow(body, Priority.NEVER);
        if (body instanceof GridPane grid) {
            grid.getStyleClass().add("field-grid");
        }
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        column.setReorderable(false);
        return column;
    }
}
