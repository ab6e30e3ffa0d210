package dev.gpufleet.views.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.heatmap.HeatmapPalette;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRendererTest {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final HeatmapPalette PALETTE = HeatmapPalette.DARK;

    private final DeviceBlock big = new DeviceBlock(2, "GI 2 · 3g.40gb", List.of("ns/a"), 75, 0xFF7AD151, 4, 3, 4, 4);
    private final DeviceBlock idle = new DeviceBlock(7, "GI 7 · 1g.10gb", List.of(), 0, 0xFF440154, 0, 1, 0, 1);
    private final DevicePicture picture = new DevicePicture("n · GPU 0", "H100-80GB", "", DevicePicture.Kind.MIG,
            7, 8, List.of(big, idle));

    private DevicePixels render(EngineFrame frame, int selected) {
        return render(frame, selected, -1);
    }

    private DevicePixels render(EngineFrame frame, int selected, int hovered) {
        DeviceGeometry geometry = new DeviceGeometry(WIDTH, HEIGHT, 1.0, 8, EngineRow.NVIDIA.size(), frame.columns());
        DevicePixels pixels = new DevicePixels(new int[WIDTH * HEIGHT], WIDTH, HEIGHT);
        DeviceRenderer.render(pixels, new DeviceRenderer.Scene(geometry, picture, EngineRow.NVIDIA, frame, PALETTE,
                selected, hovered));
        return pixels;
    }

    private static DeviceGeometry geometry(EngineFrame frame) {
        return new DeviceGeometry(WIDTH, HEIGHT, 1.0, 8, EngineRow.NVIDIA.size(), frame.columns());
    }

    @Test
    void instancesAreFilledWithTheirColourInBothRows() {
        EngineFrame frame = EngineFrame.empty(EngineRow.NVIDIA.size(), 60, Duration.ofSeconds(10));
        DevicePixels pixels = render(frame, -1);
        DeviceGeometry g = geometry(frame);
        int midY = g.memoryY() + g.sliceHeight() / 2;
        assertThat(pixels.pixelAt((g.sliceX(4) + g.sliceX(8)) / 2, midY)).isEqualTo(big.argb());
        assertThat(pixels.pixelAt((g.sliceX(4) + g.sliceX(7)) / 2, g.computeY() + g.sliceHeight() / 2))
                .isEqualTo(big.argb());
        assertThat(pixels.pixelAt((g.sliceX(0) + g.sliceX(1)) / 2, midY)).isEqualTo(idle.argb());
        assertThat(pixels.pixelAt((g.sliceX(2) + g.sliceX(3)) / 2, midY)).as("a free slice shows the plate")
                .isEqualTo(PixelsOver.plate());
        assertThat(pixels.pixelAt((g.sliceX(7) + g.sliceX(8)) / 2, g.computeY() + 5))
                .as("the eighth column has no compute slice").isZero();
    }

    @Test
    void theSelectedInstanceIsOutlined() {
        EngineFrame frame = EngineFrame.empty(EngineRow.NVIDIA.size(), 60, Duration.ofSeconds(10));
        DeviceGeometry g = geometry(frame);
        assertThat(render(frame, 0).pixelAt(g.sliceX(4), g.memoryY())).isEqualTo(PALETTE.selection());
        assertThat(render(frame, -1).pixelAt(g.sliceX(4), g.memoryY())).isNotEqualTo(PALETTE.selection());
    }

    @Test
    void engineCellsUseTheirRowsScaleAndMissingValuesAreNeverZeroColoured() {
        int rows = EngineRow.NVIDIA.size();
        double[] values = new double[rows * 10];
        Arrays.fill(values, Double.NaN);
        values[1 * 10 + 9] = 0.0;   // SM active: a real zero in the newest column
        values[1 * 10 + 8] = 1.0;
        EngineFrame frame = new EngineFrame(rows, 10, Duration.ofSeconds(10), null, values);
        DevicePixels pixels = render(frame, -1);
        DeviceGeometry g = geometry(frame);
        int zeroColour = EngineRow.NVIDIA.get(1).scale().argb(0.0);
        int y = g.cellY(1) + g.rowHeight() / 2;
        assertThat(pixels.pixelAt(g.cellX(9) + 2, y)).isEqualTo(zeroColour);
        assertThat(pixels.pixelAt(g.cellX(8) + 2, y)).isEqualTo(EngineRow.NVIDIA.get(1).scale().argb(1.0));
        for (int x = g.cellX(0); x < g.cellX(8) - 1; x++) {
            assertThat(pixels.pixelAt(x, y)).as("gap in a reported row at x=%d", x).isNotEqualTo(zeroColour);
        }
        int unreportedY = g.cellY(2) + g.rowHeight() / 2;
        for (int x = g.cellX(0); x < g.cellX(10) - 1; x++) {
            assertThat(pixels.pixelAt(x, unreportedY)).as("unreported row at x=%d", x).isNotEqualTo(zeroColour);
        }
        long hatched = java.util.stream.IntStream.range(g.cellX(0), g.cellX(10))
                .filter(x -> pixels.pixelAt(x, unreportedY) != pixels.pixelAt(g.cellX(0) + 1, unreportedY + 1))
                .count();
        assertThat(hatched).as("an unreported row is hatched").isGreaterThan(10);
    }

    @Test
    void theHoveredCellIsOutlined() {
        EngineFrame frame = EngineFrame.empty(EngineRow.NVIDIA.size(), 60, Duration.ofSeconds(10));
        DeviceGeometry g = geometry(frame);
        int cell = 3 * 60 + 10;
        int x = g.cellX(10);
        int y = g.cellY(3) + g.rowHeight() / 2;
        assertThat(render(frame, -1, cell).pixelAt(x, y)).isNotEqualTo(render(frame, -1, -1).pixelAt(x, y));
        assertThat(g.cellAt(x, y)).isEqualTo(cell);
    }

    /// The plate colour as the renderer leaves it: translucent plate over a cleared buffer.
    private static final class PixelsOver {
        static int plate() {
            return DevicePixels.over(PALETTE.plate(), 0);
        }
    }
}
