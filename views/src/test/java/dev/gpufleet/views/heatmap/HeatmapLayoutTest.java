package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeatmapLayoutTest {

    private static final HeatmapGeometry G = HeatmapGeometry.DEFAULT;

    private static HeatmapLayout layout(int nodes, int gpus, int width) {
        return HeatmapLayout.compute(HeatmapTopology.of(TestFleets.simple(1, nodes, gpus)), G, width);
    }

    @Test
    void hasOneCellPerGpu() {
        HeatmapLayout layout = HeatmapLayout.compute(HeatmapTopology.of(TestFleets.demo(1, 0)), G, 1200);

        assertThat(layout.cellCount()).isEqualTo(512);
        Set<Long> origins = new HashSet<>();
        for (int o = 0; o < layout.cellCount(); o++) {
            origins.add((long) layout.cellX(o) << 32 | layout.cellY(o));
        }
        assertThat(origins).hasSize(512);
    }

    @Test
    void everyPixelOfEveryCellMapsBackToItsOrdinal() {
        HeatmapLayout layout = HeatmapLayout.compute(HeatmapTopology.of(TestFleets.demo(1, 0)), G, 900);

        for (int o = 0; o < layout.cellCount(); o++) {
            HeatmapLayout.Rect cell = layout.cellBounds(o);
            for (int dy = 0; dy < cell.height(); dy++) {
                for (int dx = 0; dx < cell.width(); dx++) {
                    assertThat(layout.cellAt(cell.x() + dx, cell.y() + dy)).as("ordinal %d at +%d,+%d", o, dx, dy)
                            .isEqualTo(o);
                }
            }
        }
    }

    @Test
    void cellsDoNotOverlapAndStayInsideTheLayout() {
        HeatmapLayout layout = HeatmapLayout.compute(HeatmapTopology.of(TestFleets.demo(1, 0)), G, 700);

        int hits = 0;
        for (int y = 0; y < layout.height(); y++) {
            for (int x = 0; x < layout.width(); x++) {
                if (layout.cellAt(x, y) >= 0) {
                    hits++;
                }
            }
        }
        assertThat(hits).isEqualTo(512 * G.cellSize() * G.cellSize());
    }

    @Test
    void platesWrapIntoRowsAtTheWidth() {
        int plateWidth = 8 * G.cellPitch() - G.cellGap() + 2 * G.platePadding();
        int width = 2 * G.padding() + 3 * plateWidth + 2 * G.nodeGap() + 5;
        HeatmapLayout layout = layout(7, 8, width);

        HeatmapLayout.Rect first = layout.plateBounds(0);
        HeatmapLayout.Rect third = layout.plateBounds(2);
        HeatmapLayout.Rect fourth = layout.plateBounds(3);
        assertThat(third.y()).isEqualTo(first.y());
        assertThat(fourth.x()).isEqualTo(first.x());
        assertThat(fourth.y()).isEqualTo(first.y() + first.height() + G.nodeGap());
        assertThat(layout.plateBounds(6).y()).isGreaterThan(fourth.y());
        assertThat(layout.width()).isEqualTo(width);
    }

    @Test
    void pointsOutsideCellsHitNothing() {
        HeatmapLayout layout = layout(4, 8, 600);
        HeatmapLayout.Rect cell = layout.cellBounds(0);

        assertThat(layout.cellAt(-1, -1)).isEqualTo(-1);
        assertThat(layout.cellAt(0, 0)).isEqualTo(-1);
        assertThat(layout.cellAt(cell.x() + G.cellSize(), cell.y())).as("gap right of a cell").isEqualTo(-1);
        assertThat(layout.cellAt(cell.x(), cell.y() - 1)).as("name strip above").isEqualTo(-1);
        assertThat(layout.cellAt(cell.x(), G.padding() + 2)).as("cluster header").isEqualTo(-1);
        assertThat(layout.cellAt(cell.x(), layout.height() + 5)).as("below everything").isEqualTo(-1);
        assertThat(layout.cellAt(layout.width() + 10, cell.y())).as("right of everything").isEqualTo(-1);
    }

    @Test
    void nodesWithFewerGpusLeaveTheirEmptySlotsUnhittable() {
        HeatmapLayout layout = HeatmapLayout.compute(HeatmapTopology.of(TestFleets.withGpuCounts(8, 4, 16)), G, 2000);

        assertThat(layout.cellCount()).isEqualTo(28);
        int firstOfSecondNode = 8;
        HeatmapLayout.Rect last = layout.cellBounds(firstOfSecondNode + 3);
        assertThat(layout.cellAt(last.x() + G.cellPitch(), last.y())).isEqualTo(-1);
        HeatmapLayout.Rect sixteenth = layout.cellBounds(27);
        HeatmapLayout.Rect ninth = layout.cellBounds(12 + 8);
        assertThat(sixteenth.y()).isEqualTo(ninth.y());
        assertThat(ninth.y()).isEqualTo(layout.cellBounds(12).y() + G.cellPitch());
    }

    @Test
    void emptyFleetHasNoCells() {
        HeatmapLayout layout = HeatmapLayout.compute(HeatmapTopology.EMPTY, G, 800);

        assertThat(layout.cellCount()).isZero();
        assertThat(layout.height()).isZero();
        assertThat(layout.cellAt(20, 20)).isEqualTo(-1);
    }

    @Test
    void neighboursFollowTheEye() {
        HeatmapLayout layout = layout(6, 8, 700);

        assertThat(layout.neighbour(3, 1, 0)).isEqualTo(4);
        assertThat(layout.neighbour(0, -1, 0)).isZero();
        int below = layout.neighbour(2, 0, 1);
        assertThat(layout.cellY(below)).isGreaterThan(layout.cellY(2));
        assertThat(layout.cellX(below)).isEqualTo(layout.cellX(2));
        assertThat(layout.neighbour(below, 0, -1)).isEqualTo(2);
    }

    @Test
    void nodesBetweenCoversExactlyTheVisibleRows() {
        HeatmapLayout layout = layout(40, 8, 700);
        int top = layout.plateBounds(12).y() + 3;
        int bottom = top + 60;

        int[] range = HeatmapLayout.compute(layout.topology(), G, 700).nodesBetween(0, top, bottom);

        for (int n = 0; n < 40; n++) {
            HeatmapLayout.Rect plate = layout.plateBounds(n);
            boolean visible = plate.y() < bottom && plate.y() + plate.height() > top;
            boolean inRange = n >= range[0] && n < range[1];
            if (visible) {
                assertThat(inRange).as("node %d is visible", n).isTrue();
            }
        }
        assertThat(range[1] - range[0]).isLessThan(40);
    }

    @Test
    void scaledGeometryKeepsRoundTrips() {
        HeatmapLayout layout = HeatmapLayout.compute(HeatmapTopology.of(TestFleets.simple(1, 5, 8)), G.scaled(2), 1400);

        for (int o = 0; o < layout.cellCount(); o++) {
            assertThat(layout.cellAt(layout.cellX(o) + 27, layout.cellY(o) + 27)).isEqualTo(o);
        }
        assertThat(layout.geometry().cellSize()).isEqualTo(28);
    }

    @Test
    void aReSortKeepsEveryPositionAndAnotherPlacementIsLaidOutAnew() throws HeatmapFilter.ParseException {
        HeatmapArrangement byUtilization = HeatmapArrangement.DEFAULT.withSort(HeatmapSort.UTILIZATION);
        HeatmapTopology before = HeatmapTopology.of(TestFleets.demo(1, 0), byUtilization);
        HeatmapTopology resorted = HeatmapTopology.of(TestFleets.demo(2, 3), byUtilization);
        HeatmapTopology fewer = HeatmapTopology.of(TestFleets.demo(2, 3),
                byUtilization.withFilter(HeatmapFilter.parse("health>=warning")));
        HeatmapLayout layout = HeatmapLayout.compute(before, G, 900);

        assertThat(resorted.sameShape(before)).as("the nodes moved").isFalse();
        assertThat(resorted.samePlacement(before)).isTrue();
        assertThat(fewer.samePlacement(before)).isFalse();
        assertThat(layout.forTopology(before)).isSameAs(layout);
        assertSameLayout(layout.forTopology(resorted), HeatmapLayout.compute(resorted, G, 900));
        assertSameLayout(layout.forTopology(fewer), HeatmapLayout.compute(fewer, G, 900));
    }

    private static void assertSameLayout(HeatmapLayout actual, HeatmapLayout expected) {
        assertThat(actual.topology()).isSameAs(expected.topology());
        assertThat(actual.cellCount()).isEqualTo(expected.cellCount());
        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.width()).isEqualTo(expected.width());
        for (int o = 0; o < expected.cellCount(); o++) {
            assertThat(actual.cellBounds(o)).as("cell %d", o).isEqualTo(expected.cellBounds(o));
            assertThat(actual.cellAt(expected.cellX(o), expected.cellY(o))).isEqualTo(o);
        }
        for (int n = 0; n < expected.topology().nodeCount(); n++) {
            assertThat(actual.plateBounds(n)).as("plate %d", n).isEqualTo(expected.plateBounds(n));
        }
    }
}
