package dev.gpufleet.views.heatmap;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/// The heatmap's one tooltip, shown after a short rest on a cell and moved with the mouse.
///
/// Managed by hand rather than `Tooltip.install`, because one tooltip serves every cell and its
/// text changes with the cell under the mouse. Its rows are reused labels, so hovering creates
/// no nodes.
final class HeatmapTooltip {

    private static final Duration SHOW_DELAY = Duration.millis(250);
    private static final double OFFSET = 16;

    private final Tooltip tooltip = new Tooltip();
    private final Label title = new Label();
    private final GridPane grid = new GridPane();
    private final List<Label[]> rows = new ArrayList<>();
    private final PauseTransition delay = new PauseTransition(SHOW_DELAY);
    private final Node owner;
    private double screenX;
    private double screenY;

    HeatmapTooltip(Node owner) {
        this.owner = owner;
        tooltip.getStyleClass().add("heatmap-tooltip");
        title.getStyleClass().add("tooltip-title");
        grid.getStyleClass().add("tooltip-grid");
        // The popup's scene copies its owner's stylesheets when shown, so ours rides on the content.
        VBox content = new VBox(title, grid);
        content.getStyleClass().add("heatmap-tooltip-content");
        content.getStylesheets().add(FleetHeatmap.STYLESHEET);
        tooltip.setGraphic(content);
        tooltip.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        tooltip.setWrapText(false);
        delay.setOnFinished(event -> show());
    }

    /// Shows `heading` and `entries` near the screen point after the delay (at once if showing).
    void showSoon(String heading, List<GpuDescription.Entry> entries, double x, double y) {
        fill(heading, entries);
        screenX = x;
        screenY = y;
        if (tooltip.isShowing()) {
            show();
        } else {
            delay.playFromStart();
        }
    }

    /// Replaces the text while showing (a new snapshot arrived), leaving position alone.
    void refresh(String heading, List<GpuDescription.Entry> entries) {
        fill(heading, entries);
    }

    void hide() {
        delay.stop();
        tooltip.hide();
    }

    boolean isShowing() {
        return tooltip.isShowing();
    }

    private void show() {
        if (owner.getScene() != null && owner.getScene().getWindow() != null
                && owner.getScene().getWindow().isShowing()) {
            tooltip.show(owner, screenX + OFFSET, screenY + OFFSET);
        }
    }

    private void fill(String heading, List<GpuDescription.Entry> entries) {
        title.setText(heading);
        StringBuilder text = new StringBuilder(heading);
        while (rows.size() < entries.size()) {
            Label key = new Label();
            key.getStyleClass().add("tooltip-key");
            Label value = new Label();
            value.getStyleClass().add("tooltip-value");
            grid.addRow(rows.size(), key, value);
            rows.add(new Label[] {key, value});
        }
        for (int i = 0; i < rows.size(); i++) {
            Label[] row = rows.get(i);
            boolean used = i < entries.size();
            row[0].setText(used ? entries.get(i).label() : "");
            row[1].setText(used ? entries.get(i).value() : "");
            row[0].setVisible(used);
            row[0].setManaged(used);
            row[1].setVisible(used);
            row[1].setManaged(used);
            if (used) {
                text.append('\n').append(entries.get(i).label()).append(": ").append(entries.get(i).value());
            }
        }
        tooltip.setText(text.toString());
    }
}
