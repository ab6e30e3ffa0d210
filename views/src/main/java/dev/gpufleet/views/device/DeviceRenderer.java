package dev.gpufleet.views.device;

import dev.gpufleet.views.heatmap.HeatmapPalette;
import java.util.List;

/// Draws the device view into [DevicePixels]: slice plates, the instances over them, and the
/// engine heatmap (one rectangle per cell, no `Node`). Cells without a value get the
/// "not reported" fill and hatching, never the colour of zero.
public final class DeviceRenderer {

    private DeviceRenderer() {
    }

    /// Everything one frame draws.
    public record Scene(DeviceGeometry geometry, DevicePicture picture, List<EngineRow> rows, EngineFrame engines,
                        HeatmapPalette palette, int selectedBlock, int hoveredCell) {
    }

    public static void render(DevicePixels target, Scene scene) {
        target.clear();
        if (scene.picture().kind() != DevicePicture.Kind.NONE) {
            drawSlices(target, scene);
        }
        drawEngines(target, scene);
        DeviceGeometry g = scene.geometry();
        int cell = scene.hoveredCell();
        if (cell >= 0 && cell < g.rows() * g.columns()) {
            int column = cell % g.columns();
            int thickness = Math.max(1, (int) Math.round(g.scale()));
            target.frame(g.cellX(column), g.cellY(cell / g.columns()), g.cellWidth(column), g.rowHeight(), thickness,
                    scene.palette().hover());
        }
    }

    private static void drawSlices(DevicePixels target, Scene scene) {
        DeviceGeometry g = scene.geometry();
        DevicePicture picture = scene.picture();
        HeatmapPalette palette = scene.palette();
        int gap = Math.max(1, (int) Math.round(2 * g.scale()));
        for (int column = 0; column < g.sliceColumns(); column++) {
            int x = g.sliceX(column);
            int w = g.sliceX(column + 1) - x - gap;
            if (column < picture.computeSlices()) {
                target.fill(x, g.computeY(), w, g.sliceHeight(), palette.plate());
            }
            if (column < picture.memorySlices()) {
                target.fill(x, g.memoryY(), w, g.sliceHeight(), palette.plate());
            }
        }
        if (picture.memorySlices() == 0) {
            // One pool every partition shares (AMD NPS1).
            target.fill(g.sliceX(0), g.memoryY(), g.sliceX(g.sliceColumns()) - g.sliceX(0) - gap, g.sliceHeight(),
                    palette.plate());
        }
        for (int i = 0; i < picture.blocks().size(); i++) {
            drawBlock(target, g, picture.blocks().get(i), palette, i == scene.selectedBlock(), gap);
        }
    }

    private static void drawBlock(DevicePixels target, DeviceGeometry g, DeviceBlock block, HeatmapPalette palette,
                                  boolean selected, int gap) {
        int fill = Double.isNaN(block.utilization()) ? palette.noTelemetry() : block.argb();
        int border = selected ? palette.selection() : palette.noTelemetryMark();
        int thickness = Math.max(1, (int) Math.round((selected ? 2 : 1) * g.scale()));
        int x = g.sliceX(block.computeStart());
        int w = g.sliceX(block.computeStart() + block.computeSlices()) - x - gap;
        target.fill(x, g.computeY(), w, g.sliceHeight(), fill);
        target.frame(x, g.computeY(), w, g.sliceHeight(), thickness, border);
        if (block.memorySlices() > 0) {
            int mx = g.sliceX(block.memoryStart());
            int mw = g.sliceX(block.memoryStart() + block.memorySlices()) - mx - gap;
            target.fill(mx, g.memoryY(), mw, g.sliceHeight(), fill);
            target.frame(mx, g.memoryY(), mw, g.sliceHeight(), thickness, border);
        }
        if (Double.isNaN(block.utilization())) {
            target.hatch(x, g.computeY(), w, g.sliceHeight(), hatchPitch(g), palette.noTelemetryMark());
        }
    }

    private static void drawEngines(DevicePixels target, Scene scene) {
        DeviceGeometry g = scene.geometry();
        EngineFrame frame = scene.engines();
        int rows = Math.min(g.rows(), frame.rows());
        int columns = Math.min(g.columns(), frame.columns());
        int gap = g.cellWidth(0) >= 4 ? 1 : 0;
        int rowHeight = g.rowHeight();
        for (int row = 0; row < rows; row++) {
            EngineRow engine = scene.rows().get(row);
            int y = g.cellY(row);
            for (int column = 0; column < columns; column++) {
                double value = frame.value(row, column);
                int x = g.cellX(column);
                int w = g.cellWidth(column) - gap;
                if (Double.isNaN(value)) {
                    target.fill(x, y, w, rowHeight - 1, scene.palette().noTelemetry());
                } else {
                    target.fill(x, y, w, rowHeight - 1, engine.scale().argb(value));
                }
            }
            if (!frame.reported(row)) {
                target.hatch(g.cellX(0), y, g.cellX(columns) - g.cellX(0), rowHeight - 1, hatchPitch(g),
                        scene.palette().noTelemetryMark());
            }
        }
    }

    private static int hatchPitch(DeviceGeometry g) {
        return Math.max(4, (int) Math.round(6 * g.scale()));
    }
}
