package dev.gpufleet.views.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceGeometryTest {

    @ParameterizedTest
    @CsvSource({"1000, 700, 1.0, 60", "1333, 811, 1.0, 60", "2080, 1520, 2.0, 60", "523, 400, 1.0, 7", "400, 300, 1.5, 60"})
    void everyCellMapsToItsPixelsAndBack(int width, int height, double scale, int columns) {
        DeviceGeometry g = new DeviceGeometry(width, height, scale, 8, 12, columns);
        for (int row = 0; row < g.rows(); row++) {
            for (int column = 0; column < g.columns(); column++) {
                int x = g.cellX(column);
                int y = g.cellY(row);
                int last = g.cellX(column + 1) - 1;
                int expected = row * columns + column;
                assertThat(g.cellAt(x, y)).isEqualTo(expected);
                assertThat(g.cellAt(last, y + g.rowHeight() - 1)).isEqualTo(expected);
            }
        }
    }

    @Test
    void cellsTileTheHeatmapWithoutGapsOrOverlap() {
        DeviceGeometry g = new DeviceGeometry(1001, 700, 1.0, 8, 12, 60);
        assertThat(g.cellX(0)).isEqualTo(g.left());
        assertThat(g.cellX(60)).isEqualTo(g.left() + g.innerWidth());
        for (int column = 0; column < 60; column++) {
            assertThat(g.cellWidth(column)).isBetween(g.innerWidth() / 60, g.innerWidth() / 60 + 1);
        }
        assertThat(g.heatmapBottom()).isEqualTo(g.heatmapY() + 12 * g.rowHeight());
    }

    @Test
    void pointsOutsideTheHeatmapAreNoCell() {
        DeviceGeometry g = new DeviceGeometry(1000, 700, 1.0, 8, 12, 60);
        assertThat(g.cellAt(g.left() - 1, g.heatmapY())).isEqualTo(-1);
        assertThat(g.cellAt(g.left(), g.heatmapY() - 1)).isEqualTo(-1);
        assertThat(g.cellAt(g.left() + g.innerWidth(), g.heatmapY())).isEqualTo(-1);
        assertThat(g.cellAt(g.left(), g.heatmapBottom())).isEqualTo(-1);
    }

    @Test
    void rowsStayReadableAndNeverHuge() {
        assertThat(new DeviceGeometry(1000, 250, 1.0, 8, 12, 60).rowHeight()).isEqualTo(DeviceGeometry.MIN_ROW);
        assertThat(new DeviceGeometry(1000, 3000, 1.0, 8, 12, 60).rowHeight()).isEqualTo(DeviceGeometry.MAX_ROW);
        assertThat(new DeviceGeometry(2000, 6000, 2.0, 8, 12, 60).rowHeight()).isEqualTo(2 * DeviceGeometry.MAX_ROW);
    }

    @Test
    void slicesMapToColumnsInBothRows() {
        DeviceGeometry g = new DeviceGeometry(1000, 700, 1.0, 8, 12, 60);
        for (int column = 0; column < 8; column++) {
            int x = g.sliceX(column) + 1;
            assertThat(g.sliceAt(x, g.computeY() + 1)).isEqualTo(column);
            assertThat(g.sliceAt(x, g.memoryY() + 1)).isEqualTo(column);
            assertThat(g.inMemoryRow(g.memoryY() + 1)).isTrue();
            assertThat(g.inMemoryRow(g.computeY() + 1)).isFalse();
        }
        assertThat(g.sliceAt(g.sliceX(3), g.memoryY() - 1)).as("between the rows").isEqualTo(-1);
    }

    @Test
    void blockAtFindsTheInstanceInEitherRow() {
        DeviceGeometry g = new DeviceGeometry(1000, 700, 1.0, 8, 12, 60);
        DevicePicture picture = new DevicePicture("t", "s", "", DevicePicture.Kind.MIG, 7, 8, List.of(
                new DeviceBlock(2, "GI 2 · 3g.40gb", List.of(), 50, 0xFF00FF00, 4, 3, 4, 4),
                new DeviceBlock(3, "GI 3 · 2g.20gb", List.of(), 10, 0xFF0000FF, 0, 2, 0, 2)));
        assertThat(g.blockAt(picture, g.sliceX(7) + 2, g.memoryY() + 2)).isZero();
        assertThat(g.blockAt(picture, g.sliceX(7) + 2, g.computeY() + 2)).as("no 8th compute slice").isEqualTo(-1);
        assertThat(g.blockAt(picture, g.sliceX(1) + 2, g.computeY() + 2)).isEqualTo(1);
        assertThat(g.blockAt(picture, g.sliceX(3) + 2, g.computeY() + 2)).as("a free slice").isEqualTo(-1);
    }

    @Test
    void rejectsEmptyShapes() {
        assertThatThrownBy(() -> new DeviceGeometry(100, 100, 1.0, 0, 12, 60))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
