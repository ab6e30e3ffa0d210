package dev.gpufleet.views.clusters;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/// The small dialog that picks a cluster's telemetry source: dcgm-exporter through the pod
/// proxy, or a Prometheus-compatible API with its URL, node label, token file, CA file and
/// selector. Problems show inline under the fields; Save stays disabled while there are any,
/// and a problem saving (reported by `save`) keeps the dialog open with it shown.
public final class TelemetryDialog extends Dialog<ButtonType> {

    /// Save's button type, for lookups in tests.
    public static final ButtonType SAVE = new ButtonType("Save", ButtonType.OK.getButtonData());

    /// A dialog over `owner` for `form`; `save` applies it and returns a problem or empty.
    public TelemetryDialog(@Nullable Window owner, TelemetryForm form, Function<TelemetryForm, Optional<String>> save) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Telemetry source — " + form.cluster());
        setHeaderText("Where should gpufleet read " + form.cluster() + "'s GPU telemetry?");
        getDialogPane().getStyleClass().add("telemetry-dialog");
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        Label problems = new Label();
        problems.setId("telemetry-problems");
        problems.setWrapText(true);
        problems.getStyleClass().add("danger");
        problems.textProperty().bind(form.problemsProperty());
        getDialogPane().setContent(new VBox(8, sourceChoice(form), prometheusFields(form), problems));
        Node saveButton = getDialogPane().lookupButton(SAVE);
        saveButton.disableProperty().bind(form.problemsProperty().isNotEmpty());
        saveButton.addEventFilter(ActionEvent.ACTION, event -> save.apply(form).ifPresent(problem -> {
            problems.textProperty().unbind();
            problems.setText(problem);
            event.consume();
        }));
    }

    private static Node sourceChoice(TelemetryForm form) {
        ToggleGroup group = new ToggleGroup();
        RadioButton podProxy = new RadioButton("dcgm-exporter (pod proxy)");
        podProxy.setId("telemetry-pod-proxy");
        RadioButton prometheus = new RadioButton("Prometheus-compatible API");
        prometheus.setId("telemetry-prometheus");
        podProxy.setToggleGroup(group);
        prometheus.setToggleGroup(group);
        (form.prometheusProperty().get() ? prometheus : podProxy).setSelected(true);
        prometheus.selectedProperty().addListener((obs, was, now) -> form.prometheusProperty().set(now));
        return new VBox(4, podProxy, prometheus);
    }

    private static Node prometheusFields(TelemetryForm form) {
        GridPane grid = new GridPane(8, 6);
        int row = 0;
        row = field(grid, row, "URL", "telemetry-url", "http://prometheus.monitoring:9090", form.urlProperty());
        row = field(grid, row, "Node label", "telemetry-node-label", TelemetryChoice.DEFAULT_NODE_LABEL,
                form.nodeLabelProperty());
        row = field(grid, row, "Token file", "telemetry-token-file", "path to a file holding the bearer token",
                form.tokenFileProperty());
        row = field(grid, row, "CA file", "telemetry-ca-file", "PEM file, for https", form.caFileProperty());
        field(grid, row, "Selector", "telemetry-selector", "cluster=\"prod-eu\"", form.selectorProperty());
        grid.disableProperty().bind(form.prometheusProperty().not());
        return grid;
    }

    private static int field(GridPane grid, int row, String label, String id, String prompt,
                             StringProperty value) {
        TextField text = new TextField();
        text.setId(id);
        text.setPromptText(prompt);
        text.setPrefColumnCount(28);
        text.textProperty().bindBidirectional(value);
        grid.addRow(row, new Label(label), text);
        return row + 1;
    }

    /// Save's button, once shown.
    public Button saveButton() {
        return (Button) getDialogPane().lookupButton(SAVE);
    }
}
