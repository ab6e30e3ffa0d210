package dev.gpufleet.views.triage;

import atlantafx.base.theme.Styles;
import dev.gpufleet.core.triage.Verdict;
import dev.gpufleet.views.fx.ViewLifecycle;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// The triage of a node or GPU: a verdict badge, the recommended action and the finding that
/// decided, then the evidence, XID history, node conditions, recent events and affected pods.
/// Copies the report as Markdown or saves it as JSON. With a [DiagnosticsViewModel], a "DCGM
/// diagnostics" section runs `dcgmi diag` on the node and adds its findings to the evidence.
/// A thin view over a [TriageViewModel].
public final class TriagePanel extends BorderPane {

    private static final String STYLESHEET =
            Objects.requireNonNull(TriagePanel.class.getResource("triage.css")).toExternalForm();
    private static final List<String> VERDICT_CLASSES =
            List.of("verdict-healthy", "verdict-watch", "verdict-degraded", "verdict-failing");

    private final TriageViewModel model;
    private final Label badge = new Label();
    private final Label status = new Label();
    private final @Nullable DiagnosticsViewModel diagnostics;

    public TriagePanel(TriageViewModel model) {
        this(model, null);
    }

    /// A panel with the "DCGM diagnostics" section when `diagnostics` is given.
    public TriagePanel(TriageViewModel model, @Nullable DiagnosticsViewModel diagnostics) {
        this.model = model;
        this.diagnostics = diagnostics;
        if (diagnostics != null) {
            diagnostics.feedEvidence(model::setDiagnosticEvidence);
        }
        getStyleClass().add("triage-panel");
        getStylesheets().add(STYLESHEET);
        setTop(header());
        ScrollPane scroll = new ScrollPane(sections());
        scroll.setFitToWidth(true);
        setCenter(scroll);
        ViewLifecycle.whileInScene(this, this::bind);
    }

    /// Opens `model`'s triage in a window of its own, owned by `owner`, and asks for it.
    public static Stage openWindow(@Nullable Window owner, TriageViewModel model) {
        return openWindow(owner, model, null);
    }

    /// As the other, with the "DCGM diagnostics" section when `diagnostics` is given (whose
    /// permission is asked at once).
    public static Stage openWindow(@Nullable Window owner, TriageViewModel model,
            @Nullable DiagnosticsViewModel diagnostics) {
        TriagePanel panel = new TriagePanel(model, diagnostics);
        if (diagnostics != null) {
            diagnostics.checkPermission();
        }
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) {
                stage.setScene(new Scene(panel, 1000, 760));
                stage.getScene().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        if (stage.getScene() == null) {
            stage.setScene(new Scene(panel, 1000, 760));
        }
        stage.titleProperty().bind(model.titleProperty());
        model.refresh();
        stage.show();
        return stage;
    }

    public TriageViewModel viewModel() {
        return model;
    }

    /// The diagnostics section's model, when the panel has one.
    public @Nullable DiagnosticsViewModel diagnostics() {
        return diagnostics;
    }

    private Subscription bind() {
        return Subscription.combine(
                model.verdictProperty().subscribe(this::showVerdict),
                model.loadingProperty().subscribe(loading -> showStatus()),
                model.messageProperty().subscribe(text -> showStatus()));
    }

    private void showVerdict(@Nullable Verdict verdict) {
        badge.getStyleClass().removeAll(VERDICT_CLASSES);
        badge.setText(verdict == null ? "…" : verdict.name());
        if (verdict != null) {
            badge.getStyleClass().add("verdict-" + verdict.label());
        }
    }

    private void showStatus() {
        String text = model.loadingProperty().get() ? "Triaging…" : model.messageProperty().get();
        status.setText(text);
        status.setVisible(!text.isEmpty());
        status.setManaged(!text.isEmpty());
    }

    private VBox header() {
        Label title = new Label();
        title.textProperty().bind(model.titleProperty());
        title.getStyleClass().add(Styles.TITLE_4);
        badge.setId("triage-verdict");
        badge.getStyleClass().add("verdict-badge");
        Label action = new Label();
        action.setId("triage-action");
        action.textProperty().bind(model.actionProperty().map(text -> text.isEmpty() ? "" : "Recommended: " + text));
        action.getStyleClass().add(Styles.TEXT_BOLD);
        Label reason = new Label();
        reason.setId("triage-reason");
        reason.textProperty().bind(model.reasonProperty());
        reason.setWrapText(true);
        status.setId("triage-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        HBox top = new HBox(10, badge, title, spacer(), buttons());
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(6, top, action, reason, status);
        header.getStyleClass().add("triage-header");
        return header;
    }

    private HBox buttons() {
        CheckBox wholeNode = new CheckBox("Whole node");
        wholeNode.setId("triage-whole-node");
        wholeNode.selectedProperty().bindBidirectional(model.wholeNodeProperty());
        wholeNode.setVisible(model.forGpu());
        wholeNode.setManaged(model.forGpu());
        Button refresh = new Button("Refresh");
        refresh.setId("triage-refresh");
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(event -> model.refresh());
        Button copy = new Button("Copy Markdown");
        copy.setId("triage-copy-markdown");
        copy.disableProperty().bind(model.reportProperty().isNull());
        copy.setOnAction(event -> model.markdown().ifPresent(text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }));
        Button save = new Button("Save JSON…");
        save.setId("triage-save-json");
        save.disableProperty().bind(model.reportProperty().isNull());
        save.setOnAction(event -> saveJson());
        HBox buttons = new HBox(6, wholeNode, refresh, copy, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    private void saveJson() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the triage as JSON");
        chooser.setInitialFileName(model.suggestedFileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.saveJson(file.toPath()).ifPresent(status::setText);
        }
    }

    private VBox sections() {
        TableView<TriageRows.EvidenceRow> evidence = table("triage-evidence", model.evidence());
        TableColumn<TriageRows.EvidenceRow, String> severity = column("Severity", TriageRows.EvidenceRow::severity);
        severity.setCellFactory(c -> new SeverityCell<>(item -> item.toLowerCase(Locale.ROOT)));
        evidence.setPrefHeight(240);
        evidence.getColumns().addAll(List.of(severity, column("On", TriageRows.EvidenceRow::gpu),
                column("What", TriageRows.EvidenceRow::what), column("Value", TriageRows.EvidenceRow::value),
                column("Since", TriageRows.EvidenceRow::since), column("Source", TriageRows.EvidenceRow::source)));
        TableView<TriageRows.XidRow> xids = table("triage-xids", model.xids());
        xids.getColumns().addAll(List.of(column("GPU", TriageRows.XidRow::gpu),
                column("XID", row -> Integer.toString(row.code())), meaningColumn(),
                column("First seen", TriageRows.XidRow::firstSeen), column("Last seen", TriageRows.XidRow::lastSeen),
                column("Count", row -> Integer.toString(row.count()))));
        TableView<TriageRows.ConditionRow> conditions = table("triage-conditions", model.conditions());
        conditions.getColumns().addAll(List.of(column("Type", TriageRows.ConditionRow::type),
                column("Status", TriageRows.ConditionRow::status), column("Reason", TriageRows.ConditionRow::reason),
                column("Message", TriageRows.ConditionRow::message), column("Since", TriageRows.ConditionRow::since)));
        TableView<TriageRows.EventRow> events = table("triage-events", model.events());
        events.getColumns().addAll(List.of(column("Type", TriageRows.EventRow::type),
                column("Reason", TriageRows.EventRow::reason), column("Message", TriageRows.EventRow::message),
                column("Count", TriageRows.EventRow::count), column("Last seen", TriageRows.EventRow::lastSeen)));
        ListView<String> pods = new ListView<>(model.pods());
        pods.setId("triage-pods");
        pods.setPrefHeight(120);
        VBox sections = new VBox(8, section("Evidence", evidence));
        if (diagnostics != null) {
            sections.getChildren().add(section("DCGM diagnostics", new DiagnosticsPane(diagnostics)));
        }
        sections.getChildren().addAll(section("XID history", xids),
                section("Node conditions", conditions), section("Recent events", events),
                section("Affected pods", pods));
        return sections;
    }

    private static TableColumn<TriageRows.XidRow, String> meaningColumn() {
        TableColumn<TriageRows.XidRow, String> meaning = column("Meaning", TriageRows.XidRow::meaning);
        meaning.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(@Nullable String item, boolean empty) {
                super.updateItem(item, empty);
                TriageRows.XidRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setTooltip(row == null ? null : new Tooltip(row.detail()));
            }
        });
        return meaning;
    }

    private static <R> TableView<R> table(String id, ObservableList<R> rows) {
        TableView<R> table = new TableView<>(rows);
        table.setPlaceholder(new Label("None"));
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(180);
        return table;
    }

    static <R> TableColumn<R, String> column(String title, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TextCell<>(Function.identity()));
        return column;
    }

    /// Shows a column's text with the full text (or the row's `tip`) as tooltip, for cut-off cells.
    private static final class TextCell<R> extends TableCell<R, String> {
        private final Function<String, String> tip;

        TextCell(Function<String, String> tip) {
            this.tip = tip;
        }

        @Override
        protected void updateItem(@Nullable String item, boolean empty) {
            super.updateItem(item, empty);
            boolean blank = empty || item == null || item.isEmpty();
            setText(empty ? null : item);
            setTooltip(blank ? null : new Tooltip(tip.apply(item)));
        }
    }

    private static TitledPane section(String title, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(true);
        return pane;
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /// Colours a cell like the verdict badge: `severityOf` maps its text to `info`, `watch`,
    /// `degraded` or `failing`.
    static final class SeverityCell<R> extends TableCell<R, String> {
        private final Function<String, String> severityOf;

        SeverityCell(Function<String, String> severityOf) {
            this.severityOf = severityOf;
        }

        @Override
        protected void updateItem(@Nullable String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(style -> style.startsWith("severity-"));
            setText(empty || item == null ? null : item);
            if (!empty && item != null) {
                getStyleClass().add("severity-" + severityOf.apply(item));
            }
        }
    }
}
