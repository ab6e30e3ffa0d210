package dev.gpufleet.views.triage;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/// The triage panel's "DCGM diagnostics" section: the level chooser, Run (disabled with the
/// reason beside it), Cancel while running, the step it is at, and the result per test and
/// GPU with DCGM's messages. A thin view over a [DiagnosticsViewModel].
final class DiagnosticsPane extends VBox {

    DiagnosticsPane(DiagnosticsViewModel model) {
        super(6);
        getStyleClass().add("triage-diagnostics");
        ChoiceBox<DiagnosticsViewModel.Level> level = new ChoiceBox<>();
        level.setId("diag-level");
        level.getItems().setAll(DiagnosticsViewModel.LEVELS);
        level.valueProperty().bindBidirectional(model.levelProperty());
        level.disableProperty().bind(model.runningProperty());
        Button run = new Button("Run DCGM diagnostics");
        run.setId("diag-run");
        run.disableProperty().bind(model.canRunProperty().not());
        run.setOnAction(event -> model.run());
        Button cancel = new Button("Cancel");
        cancel.setId("diag-cancel");
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> model.cancel());
        Label progress = new Label();
        progress.setId("diag-progress");
        progress.textProperty().bind(model.progressProperty());
        HBox controls = new HBox(8, level, run, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label reason = new Label();
        reason.setId("diag-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add(Styles.TEXT_MUTED);
        reason.textProperty().bind(model.blockedProperty().map(text -> text.isEmpty() ? "" : "Cannot run: " + text));
        Label summary = new Label();
        summary.setId("diag-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        getChildren().addAll(controls, reason, summary, results(model));
    }

    private static TableView<DiagnosticsViewModel.ResultRow> results(DiagnosticsViewModel model) {
        TableView<DiagnosticsViewModel.ResultRow> table = new TableView<>(model.results());
        table.setId("diag-results");
        table.setPlaceholder(new Label("No diagnostic run yet. Diagnostics use every GPU of the node: best on a"
                + " drained node."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        TableColumn<DiagnosticsViewModel.ResultRow, String> status =
                TriagePanel.column("Status", DiagnosticsViewModel.ResultRow::status);
        status.setCellFactory(c -> new TriagePanel.SeverityCell<>(DiagnosticsPane::severity));
        table.getColumns().addAll(List.of(TriagePanel.column("Category", DiagnosticsViewModel.ResultRow::category),
                TriagePanel.column("Test", DiagnosticsViewModel.ResultRow::test),
                TriagePanel.column("On", DiagnosticsViewModel.ResultRow::gpu), status,
                TriagePanel.column("DCGM says", DiagnosticsViewModel.ResultRow::message)));
        return table;
    }

    private static String severity(String status) {
        return switch (status) {
            case "fail" -> "failing";
            case "warn" -> "watch";
            default -> "info";
        };
    }
}
