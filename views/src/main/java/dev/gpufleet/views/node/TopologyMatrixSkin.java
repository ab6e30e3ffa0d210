package dev.gpufleet.views.node;

import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.Link;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/// Draws a [TopologyMatrix] on a canvas sized to the control; hit-tests clicks by arithmetic.
final class TopologyMatrixSkin extends SkinBase<TopologyMatrix> {

    private static final Color TEXT = Color.web("#e6edf3");
    private static final Color HEADER_TEXT = Color.web("#8b949e");
    private static final Color SELECTED = Color.web("#f0f6fc");

    private final Canvas canvas = new Canvas();

    TopologyMatrixSkin(TopologyMatrix control) {
        super(control);
        getChildren().add(canvas);
        registerChangeListener(control.topologyProperty(), o -> control.requestLayout());
        registerChangeListener(control.selectedCellProperty(), o -> draw());
        canvas.setOnMouseClicked(event -> {
            MatrixLayout.Cell cell = control.layoutNow().cellAt(event.getX(), event.getY());
            control.selectedCellProperty().set(cell);
        });
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        canvas.relocate(x, y);
        canvas.setWidth(w);
        canvas.setHeight(h);
        draw();
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return preferred() + left + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return preferred() + top + bottom;
    }

    private double preferred() {
        GpuTopology topology = getSkinnable().topologyProperty().get();
        int n = topology == null ? 0 : topology.gpuCount();
        return MatrixLayout.HEADER + n * 52;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        GpuTopology topology = getSkinnable().topologyProperty().get();
        if (topology == null) {
            return;
        }
        MatrixLayout layout = MatrixLayout.fit(topology.gpuCount(), canvas.getWidth(), canvas.getHeight());
        double cell = layout.cell();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font(null, FontWeight.BOLD, Math.max(9, Math.min(13, cell / 4))));
        for (int i = 0; i < topology.gpuCount(); i++) {
            g.setFill(HEADER_TEXT);
            g.fillText(topology.gpus().get(i), layout.x(i) + cell / 2, layout.header() / 2);
            g.fillText(topology.gpus().get(i), layout.header() / 2, layout.y(i) + cell / 2);
        }
        for (int row = 0; row < topology.gpuCount(); row++) {
            for (int column = 0; column < topology.gpuCount(); column++) {
                Link link = topology.link(row, column);
                g.setFill(LinkColors.of(link));
                g.fillRect(layout.x(column) + 1, layout.y(row) + 1, cell - 2, cell - 2);
                g.setFill(TEXT);
                g.fillText(link.code(), layout.x(column) + cell / 2, layout.y(row) + cell / 2);
            }
        }
        MatrixLayout.Cell selected = getSkinnable().selectedCellProperty().get();
        if (selected != null && selected.row() < topology.gpuCount() && selected.column() < topology.gpuCount()) {
            g.setStroke(SELECTED);
            g.setLineWidth(2);
            g.strokeRect(layout.x(selected.column()) + 1, layout.y(selected.row()) + 1, cell - 2, cell - 2);
        }
    }
}
