package dev.gpufleet.views.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

/// The texts over the device view's pixels: block titles, pods and utilization, the row
/// names, "not reported" marks and the time axis. A few dozen labels at most, reused.
final class DeviceLabels {

    private final Pane pane = new Pane();
    private final List<Label> pool = new ArrayList<>();
    private int used;

    DeviceLabels() {
        pane.getStyleClass().add("device-labels");
        pane.setMouseTransparent(true);
        pane.setManaged(false);
    }

    Pane pane() {
        return pane;
    }

    void update(DeviceGeometry g, DevicePicture picture, List<EngineRow> rows, EngineFrame engines, int hovered,
                String subject) {
        used = 0;
        double s = g.scale();
        if (picture.kind() != DevicePicture.Kind.NONE) {
            place("slice-caption", "Compute", DeviceGeometry.PAD, g.computeY() / s + 4, DeviceGeometry.GUTTER - 8);
            place("slice-caption", picture.memorySlices() == 0 ? "Memory (shared)" : "Memory",
                    DeviceGeometry.PAD, g.memoryY() / s + 4, DeviceGeometry.GUTTER - 8);
            for (DeviceBlock block : picture.blocks()) {
                placeBlock(g, block);
            }
        }
        double captionY = (g.heatmapY() - g.scale() * 24) / s;
        place("section-caption", "Engines of " + subject + " · last " + minutes(engines.span()) + " · one column per "
                + engines.resolution().toSeconds() + " s", DeviceGeometry.PAD, captionY, g.width() / s);
        if (hovered >= 0) {
            Label readout = place("readout", engines.describe(rows, hovered), 0, captionY, g.innerWidth() / s / 2);
            readout.relocate(g.left() / s + g.innerWidth() / s / 2, captionY);
        }
        for (int row = 0; row < Math.min(rows.size(), g.rows()); row++) {
            double y = g.cellY(row) / s;
            double h = g.rowHeight() / s;
            place("row-name", rows.get(row).label(), DeviceGeometry.PAD, y, DeviceGeometry.GUTTER - 8).setPrefHeight(h);
            if (row < engines.rows() && !engines.reported(row)) {
                place("not-reported", "not reported", g.left() / s + 6, y, 200).setPrefHeight(h);
            }
        }
        double axisY = g.heatmapBottom() / s + 2;
        place("axis", "−" + minutes(engines.span()), g.left() / s, axisY, 80);
        Label now = place("axis", "now", 0, axisY, 60);
        now.relocate((g.left() + g.innerWidth()) / s - 24, axisY);
        for (int i = used; i < pool.size(); i++) {
            pool.get(i).setVisible(false);
        }
    }

    private void placeBlock(DeviceGeometry g, DeviceBlock block) {
        double s = g.scale();
        boolean memory = block.memorySlices() > 0;
        int start = memory ? block.memoryStart() : block.computeStart();
        int span = memory ? block.memorySlices() : block.computeSlices();
        double x = g.sliceX(start) / s + 4;
        double width = (g.sliceX(start + span) - g.sliceX(start)) / s - 10;
        double y = (memory ? g.memoryY() : g.computeY()) / s + 3;
        place("block-title", block.title(), x, y, width);
        place("block-pods", block.pods().isEmpty() ? "no pod" : String.join(", ", block.pods()), x, y + 16, width);
        double top = g.computeY() / s + 3;
        String util = Double.isNaN(block.utilization()) ? "not reported"
                : String.format(Locale.ROOT, "%.0f%% busy", block.utilization());
        double computeX = g.sliceX(block.computeStart()) / s + 4;
        double computeWidth = (g.sliceX(block.computeStart() + block.computeSlices())
                - g.sliceX(block.computeStart())) / s - 10;
        place("block-util", util, computeX, memory ? top : y + 32, computeWidth);
    }

    private Label place(String style, String text, double x, double y, double maxWidth) {
        if (used == pool.size()) {
            Label label = new Label();
            pool.add(label);
            pane.getChildren().add(label);
        }
        Label label = pool.get(used++);
        label.getStyleClass().setAll("label", style);
        label.setText(text);
        label.setMaxWidth(Math.max(0, maxWidth));
        label.setPrefHeight(Label.USE_COMPUTED_SIZE);
        label.setVisible(maxWidth > 12);
        label.relocate(x, y);
        return label;
    }

    private static String minutes(Duration span) {
        return span.toMinutes() + " min";
    }
}
