package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.views.TestFleets;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Cell ↔ pixel mapping at every zoom step and under pan (a window with an origin), rubber bands.
class HeatmapZoomTest {

    private static final HeatmapTopology DEMO = HeatmapTopology.of(TestFleets.demo(1, 0));

    @Test
    void zoomStepsWalkTheLadderAndClampAtItsEnds() {
        assertThat(HeatmapGeometry.zoomStep(14, 1)).isEqualTo(18);
        assertThat(HeatmapGeometry.zoomStep(14, -1)).isEqualTo(10);
        assertThat(HeatmapGeometry.zoomStep(15, 1)).isEqualTo(18);
        assertThat(HeatmapGeometry.zoomStep(15, -1)).isEqualTo(14);
        assertThat(HeatmapGeometry.zoomStep(2, -1)).isEqualTo(2);
        assertThat(HeatmapGeometry.zoomStep(64, 1)).isEqualTo(64);
        assertThat(HeatmapGeometry.forCellSize(14)).isEqualTo(HeatmapGeometry.DEFAULT);
        assertThat(HeatmapGeometry.forCellSize(4).nodeLabelHeight()).as("no names on tiny cells").isZero();
        assertThatThrownBy(() -> HeatmapGeometry.forCellSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 6, 8, 10, 14, 18, 24, 32, 48, 64})
    void everyCellsCornersAndCentreMapBackAtEveryZoom(int cellSize) {
        HeatmapLayout layout = HeatmapLayout.compute(DEMO, HeatmapGeometry.forCellSize(cellSize), 1100);

        for (int o = 0; o < layout.cellCount(); o++) {
            int x = layout.cellX(o);
            int y = layout.cellY(o);
            int last = cellSize - 1;
            assertThat(layout.cellAt(x, y)).isEqualTo(o);
            assertThat(layout.cellAt(x + last, y + last)).isEqualTo(o);
            assertThat(layout.cellAt(x + cellSize / 2, y + cellSize / 2)).isEqualTo(o);
            assertThat(layout.nearestCell(x + cellSize / 2, y + cellSize / 2)).isEqualTo(o);
        }
    }

    @Test
    void zoomedInPlatesWiderThanTheViewWidenTheLayout() {
        HeatmapLayout layout = HeatmapLayout.compute(DEMO, HeatmapGeometry.forCellSize(64), 300);

        assertThat(layout.width()).isGreaterThan(300);
        assertThat(layout.cellAt(layout.cellX(7) + 1, layout.cellY(7) + 1)).isEqualTo(7);
    }

    @Test
    void aPannedWindowShowsTheCellsOfItsOrigin() {
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);
        HeatmapLayout layout = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.forCellSize(48), 600);
        int ordinal = 300;
        int originX = Math.max(0, layout.cellX(ordinal) - 100);
        int originY = layout.cellY(ordinal) - 50;
        PixelTarget window = new PixelTarget(new int[400 * 300], 400, 300, originX, originY);

        HeatmapRenderer.render(window, layout, frame, HeatmapPalette.DARK,
                HeatmapRenderer.Marks.none(TestFleets.T0.toEpochMilli(), 60_000));

        int cx = layout.cellX(ordinal) + 24;
        int cy = layout.cellY(ordinal) + 24;
        assertThat(window.pixelAt(cx, cy)).isEqualTo(frame.color(ordinal));
        assertThat(window.pixelAt(originX - 1, originY)).as("left of the window").isZero();
    }

    @Test
    void aRubberBandSelectsTheCellsWhoseCentresItCovers() {
        HeatmapLayout layout = HeatmapLayout.compute(DEMO, HeatmapGeometry.DEFAULT, 1100);
        int from = DEMO.firstOrdinal(2);
        int to = from + 3;

        BitSet band = layout.cellsIn(layout.cellX(from), layout.cellY(from), layout.cellX(to) + 7, layout.cellY(to) + 7);

        assertThat(band.stream().toArray()).containsExactly(from, from + 1, from + 2, from + 3);
        assertThat(layout.cellsIn(0, 0, 5, 5).isEmpty()).as("padding holds no cell").isTrue();
    }

    @Test
    void theNearestCellToAGapIsAnAdjacentOne() {
        HeatmapLayout layout = HeatmapLayout.compute(DEMO, HeatmapGeometry.DEFAULT, 1100);
        int gapX = layout.cellX(0) + HeatmapGeometry.DEFAULT.cellSize();
        int y = layout.cellY(0) + 3;

        assertThat(layout.cellAt(gapX, y)).isEqualTo(-1);
        assertThat(layout.nearestCell(gapX, y)).isIn(0, 1);
        assertThat(layout.nearestCell(0, 0)).isZero();
    }
}
