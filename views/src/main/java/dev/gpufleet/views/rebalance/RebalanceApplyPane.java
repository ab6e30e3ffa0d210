package dev.gpufleet.views.rebalance;

import atlantafx.base.theme.Styles;
import dev.gpufleet.views.actions.ProgressRow;
import dev.gpufleet.views.fx.TextColumns;
import dev.gpufleet.views.rebalance.RebalanceViewModel.Phase;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/// The rebalance screen's lower part: how to apply (cordon the sources, moves at a time), the
/// typed confirmation a production context needs, Apply with the reason it is disabled, Pause,
/// Resume and Cancel, then a progress row per move and the run's log.
final class RebalanceApplyPane extends VBox {

    RebalanceApplyPane(RebalanceViewModel model) {
        super(6);
        getStyleClass().add("rebalance-apply");
        RebalanceRun run = model.run();
        CheckBox cordon = new CheckBox("Cordon sources");
        cordon.setId("rebalance-cordon");
        cordon.selectedProperty().bindBidirectional(run.cordonSourcesProperty());
        cordon.disableProperty().bind(run.runningProperty());
        Spinner<Integer> atATime = new Spinner<>(1, 16, run.concurrencyProperty().get());
        atATime.setId("rebalance-concurrency");
        atATime.setEditable(true);
        atATime.setPrefWidth(80);
        atATime.valueProperty().subscribe(value -> run.concurrencyProperty().set(value));
        atATime.disableProperty().bind(run.runningProperty());
        HBox settings = new HBox(8, cordon, new Label("Moves at a time"), atATime, confirmation(model));
        settings.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(settings, buttons(model, run), progress(run));
    }

    private static HBox confirmation(RebalanceViewModel model) {
        TextField typed = new TextField();
        typed.setId("rebalance-confirm-context");
        typed.textProperty().bindBidirectional(model.typedConfirmationProperty());
        HBox box = new HBox(8, new Label("Production context: type its name to confirm"), typed);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(model.confirmationRequiredProperty()
                .and(model.phaseProperty().isEqualTo(Phase.PLANNED)));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static VBox buttons(RebalanceViewModel model, RebalanceRun run) {
        Button apply = button("rebalance-apply", "Apply", () -> model.apply());
        apply.getStyleClass().add(Styles.DANGER);
        apply.disableProperty().bind(model.canApplyProperty().not());
        Button pause = button("rebalance-pause", "Pause", run::pause);
        pause.disableProperty().bind(run.runningProperty().not().or(run.pausedProperty()).or(run.cancellingProperty()));
        Button resume = button("rebalance-resume", "Resume", run::resume);
        resume.disableProperty().bind(run.pausedProperty().not().or(run.cancellingProperty()));
        Button cancel = button("rebalance-cancel", "Cancel (no new evictions)", run::cancel);
        cancel.disableProperty().bind(run.runningProperty().not().or(run.cancellingProperty()));
        Label why = new Label();
        why.setId("rebalance-apply-reason");
        why.setWrapText(true);
        why.getStyleClass().add(Styles.TEXT_MUTED);
        why.textProperty().bind(model.applyBlockedReasonProperty());
        HBox row = new HBox(8, apply, pause, resume, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, why);
    }

    private static VBox progress(RebalanceRun run) {
        TableView<ProgressRow> rows = new TableView<>(run.progressRows());
        rows.setId("rebalance-progress");
        rows.setPlaceholder(new Label("Each move's progress shows here once you apply."));
        rows.getColumns().setAll(List.of(TextColumns.of("Move", ProgressRow::pod, 300),
                TextColumns.of("State", row -> row.state().label(), 100),
                TextColumns.of("Detail", ProgressRow::detail, 640)));
        rows.setPrefHeight(150);
        ListView<String> log = new ListView<>(run.log());
        log.setId("rebalance-log");
        log.setPrefHeight(60);
        VBox box = new VBox(4, rows, log);
        VBox.setVgrow(rows, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }
}
