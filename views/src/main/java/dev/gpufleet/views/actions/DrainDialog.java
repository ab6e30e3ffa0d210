package dev.gpufleet.views.actions;

import atlantafx.base.theme.Styles;
import dev.gpufleet.core.drain.DrainOptions.GpuScope;
import dev.gpufleet.views.actions.DrainDialogViewModel.Phase;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/// The drain dialog: a window over a [DrainDialogViewModel] with the options, the preview
/// (pods by kind with their GPUs, what is skipped and why, budgets that will hold evictions
/// back), the typed confirmation on production contexts, then per-pod progress with Cancel, and
/// the summary with the node's resulting state. Closing the window cancels a running drain (the
/// node stays cordoned). Thin: it binds and forwards.
public final class DrainDialog extends Stage {

    private static final PseudoClass BLOCKING = PseudoClass.getPseudoClass("blocking");

    private final DrainDialogViewModel model;

    public DrainDialog(@Nullable Window owner, DrainDialogViewModel model) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Drain " + model.node() + " — " + model.context());
        VBox content = new VBox(8, heading(), options(), preview(), confirmation(), buttons(), progress(), outcome());
        content.getStyleClass().add("drain-dialog");
        content.setStyle("-fx-padding: 12;");
        Scene scene = new Scene(content, 980, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        setScene(scene);
        setOnHidden(event -> model.cancel());
    }

    /// Opens the dialog over `owner` and reads the plan.
    public static DrainDialog open(@Nullable Window owner, DrainDialogViewModel model) {
        DrainDialog dialog = new DrainDialog(owner, model);
        dialog.show();
        model.replan();
        return dialog;
    }

    private Node heading() {
        Label title = new Label("Drain node " + model.node() + " in context " + model.context()
                + (model.isProduction() ? " (production)" : ""));
        title.getStyleClass().addAll(Styles.TITLE_4);
        Label summary = label("drain-summary", model.summaryProperty());
        Label error = label("drain-error", model.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        return new VBox(4, title, summary, error);
    }

    private Node options() {
        CheckBox force = check("drain-force", "Force (evict pods no controller owns)");
        force.selectedProperty().bindBidirectional(model.forceProperty());
        CheckBox emptyDir = check("drain-emptydir", "Delete emptyDir data");
        emptyDir.selectedProperty().bindBidirectional(model.deleteEmptyDirDataProperty());
        CheckBox dryRun = check("drain-dry-run", "Dry run (change nothing)");
        dryRun.selectedProperty().bindBidirectional(model.dryRunProperty());
        ComboBox<GpuScope> scope = new ComboBox<>(FXCollections.observableArrayList(model.scopes()));
        scope.setId("drain-scope");
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(@Nullable GpuScope value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public @Nullable GpuScope fromString(String text) {
                return model.scopes().stream().filter(option -> option.toString().equals(text)).findFirst().orElse(null);
            }
        });
        scope.valueProperty().bindBidirectional(model.scopeProperty());
        Spinner<Integer> grace = spinner("drain-grace", -1, 3600, model.gracePeriodSecondsProperty().get());
        grace.valueProperty().subscribe(v -> model.gracePeriodSecondsProperty().set(v));
        model.gracePeriodSecondsProperty().subscribe(v -> grace.getValueFactory().setValue(v.intValue()));
        Spinner<Integer> timeout = spinner("drain-timeout", 0, 86_400, model.timeoutSecondsProperty().get());
        timeout.valueProperty().subscribe(v -> model.timeoutSecondsProperty().set(v));
        model.timeoutSecondsProperty().subscribe(v -> timeout.getValueFactory().setValue(v.intValue()));
        FlowPane pane = new FlowPane(12, 6, new Label("Scope"), scope, force, emptyDir, dryRun,
                new Label("Grace period s (-1: the pod's own)"), grace, new Label("Timeout s (0: none)"), timeout);
        pane.disableProperty().bind(model.phaseProperty().isEqualTo(Phase.RUNNING)
                .or(model.phaseProperty().isEqualTo(Phase.FINISHED)));
        return pane;
    }

    private Node preview() {
        TableView<PreviewRow> pods = new TableView<>(model.previewRows());
        pods.setId("drain-preview");
        pods.getColumns().setAll(List.of(
                column("Pod", PreviewRow::pod, 230), column("Kind", PreviewRow::kind, 100),
                column("Owner", PreviewRow::owner, 150), column("GPUs / MIG", PreviewRow::gpus, 140),
                column("Budget", PreviewRow::budgets, 130), column("Drain does", PreviewRow::action, 200)));
        pods.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(@Nullable PreviewRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(BLOCKING,
                        !empty && row != null && row.blocking());
                setStyle(!empty && row != null && row.blocking() ? "-fx-background-color: -color-danger-muted;" : "");
            }
        });
        pods.setPrefHeight(220);
        ListView<String> budgets = new ListView<>();
        budgets.setId("drain-budgets");
        budgets.setPrefHeight(70);
        model.budgetRows().subscribe(() -> budgets.getItems().setAll(
                model.budgetRows().stream().map(BudgetRow::describe).toList()));
        VBox box = new VBox(4, pods, new Label("PodDisruptionBudgets of the pods to evict"), budgets);
        box.visibleProperty().bind(model.phaseProperty().isNotEqualTo(Phase.RUNNING)
                .and(model.phaseProperty().isNotEqualTo(Phase.FINISHED)));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node confirmation() {
        TextField typed = new TextField();
        typed.setId("drain-confirm-name");
        typed.setPromptText(model.node());
        typed.textProperty().bindBidirectional(model.typedConfirmationProperty());
        HBox box = new HBox(8, new Label("Production context: type the node's name to confirm"), typed);
        box.visibleProperty().bind(model.confirmationRequiredProperty()
                .and(model.phaseProperty().isEqualTo(Phase.PREVIEW)));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node buttons() {
        Button start = new Button();
        start.setId("drain-start");
        start.textProperty().bind(Bindings.when(model.dryRunProperty()).then("Dry run").otherwise("Drain"));
        start.getStyleClass().add(Styles.DANGER);
        start.disableProperty().bind(model.canStartProperty().not());
        start.setOnAction(event -> model.start());
        Button cancel = new Button("Cancel drain (node stays cordoned)");
        cancel.setId("drain-cancel");
        cancel.disableProperty().bind(model.phaseProperty().isNotEqualTo(Phase.RUNNING).or(model.cancellingProperty()));
        Button close = new Button("Close");
        close.setId("drain-close");
        close.disableProperty().bind(model.phaseProperty().isEqualTo(Phase.RUNNING));
        close.setOnAction(event -> close());
        cancel.setOnAction(event -> model.cancel());
        Label why = label("drain-blocked-reason", model.startBlockedReasonProperty());
        why.getStyleClass().add(Styles.TEXT_MUTED);
        return new VBox(4, new HBox(8, start, cancel, close), why);
    }

    private Node progress() {
        TableView<ProgressRow> rows = new TableView<>(model.progressRows());
        rows.setId("drain-progress");
        rows.getColumns().setAll(List.of(column("Pod", ProgressRow::pod, 260),
                column("State", row -> row.state().label(), 100), column("Detail", ProgressRow::detail, 560)));
        ListView<String> log = new ListView<>(model.log());
        log.setId("drain-log");
        log.setPrefHeight(60);
        VBox box = new VBox(4, rows, log);
        VBox.setVgrow(rows, Priority.ALWAYS);
        box.visibleProperty().bind(model.phaseProperty().isEqualTo(Phase.RUNNING)
                .or(model.phaseProperty().isEqualTo(Phase.FINISHED)));
        box.managedProperty().bind(box.visibleProperty());
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node outcome() {
        Label state = label("drain-node-state", model.nodeStateProperty());
        state.getStyleClass().add(Styles.TEXT_BOLD);
        return state;
    }

    private static Label label(String id, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        return label;
    }

    private static CheckBox check(String id, String text) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        return box;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int initial) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(100);
        return spinner;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
