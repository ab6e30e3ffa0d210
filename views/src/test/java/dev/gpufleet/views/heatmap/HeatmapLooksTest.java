package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.views.TestFleets;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/// Idle, MIG sub-cells and multi-selection outlines, read back from the pixels.
class HeatmapLooksTest {

    private static final HeatmapPalette P = HeatmapPalette.DARK;
    private static final long NOW = TestFleets.T0.toEpochMilli();

    private final HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);

    private PixelTarget render(int cellSize, HeatmapRenderer.Marks marks) {
        HeatmapLayout layout = layout(cellSize);
        PixelTarget target = new PixelTarget(new int[layout.width() * layout.height()], layout.width(),
                layout.height(), 0, 0);
        HeatmapRenderer.render(target, layout, frame, P, marks);
        return target;
    }

    private HeatmapLayout layout(int cellSize) {
        return HeatmapLayout.compute(frame.topology(), HeatmapGeometry.forCellSize(cellSize), 1400);
    }

    private int ordinal(int node, int index) {
        return frame.ordinalOf(new GpuSelection("prod-east", TestFleets.nodeName("prod-east", node), index, null));
    }

    @Test
    void idleGpusAreHollowSquaresAndBusyOnesSolid() {
        int idle = ordinal(5, 0);
        int busy = ordinal(4, 0);
        PixelTarget target = render(14, HeatmapRenderer.Marks.none(NOW, 60_000));
        HeatmapLayout layout = layout(14);

        assertThat(frame.idle(idle)).isTrue();
        assertThat(frame.idle(busy)).isFalse();
        assertThat(frame.idle(ordinal(2, 0))).as("no reading is not idle").isFalse();
        assertThat(target.pixelAt(layout.cellX(idle) + 7, layout.cellY(idle) + 7)).isEqualTo(P.plate());
        assertThat(target.pixelAt(layout.cellX(idle), layout.cellY(idle))).isEqualTo(frame.color(idle));
        assertThat(target.pixelAt(layout.cellX(busy) + 7, layout.cellY(busy) + 7)).isEqualTo(frame.color(busy));
    }

    @Test
    void aStaleIdleGpuIsDimmedAndStripedNeverHollow() {
        int idle = ordinal(5, 0);
        HeatmapLayout layout = layout(14);
        PixelTarget fresh = render(14, HeatmapRenderer.Marks.none(NOW, 60_000));
        PixelTarget later = render(14, HeatmapRenderer.Marks.none(NOW + 600_000, 60_000));
        int x = layout.cellX(idle);
        int y = layout.cellY(idle);
        int faded = PixelTarget.over(HeatmapRenderer.fade(frame.color(idle), HeatmapRenderer.STALE_OPACITY),
                P.cordonedPlate());

        assertThat(fresh.pixelAt(x + 7, y + 7)).as("fresh and idle: hollow").isEqualTo(P.plate());
        assertThat(frame.cordoned(layout.topology().nodeOf(idle))).as("node 5 is cordoned").isTrue();
        assertThat(later.pixelAt(x + 7, y + 7)).as("stale: no hollow centre, not the colour of 0 %")
                .isEqualTo(faded).isNotEqualTo(P.plate()).isNotEqualTo(frame.color(idle));
        assertThat(HeatmapRenderer.onHatch(4, 3)).isTrue();
        assertThat(later.pixelAt(x + 4, y + 3)).as("a stripe").isEqualTo(PixelTarget.over(P.noTelemetryMark(), faded));
        assertThat(later.pixelAt(x + 5, y + 3)).as("between stripes").isEqualTo(faded);
        int silent = ordinal(2, 0);
        assertThat(later.pixelAt(layout.cellX(silent) + 1, layout.cellY(silent) + 7)).as("no telemetry looks apart")
                .isNotEqualTo(faded);
    }

    @Test
    void largeMigCellsShowEachInstanceAsWideAsItsSlices() {
        int mig = ordinal(6, 1);
        HeatmapLayout layout = layout(48);
        PixelTarget target = render(48, HeatmapRenderer.Marks.none(NOW, 60_000));
        int x = layout.cellX(mig);
        int y = layout.cellY(mig) + 24;
        // Instances 1g, 1g, 3g of 7 slices over the 46 inner pixels: [1,7), [7,14), [14,33), free after.
        double first = frame.gpu(mig).mig().get(0).values().get(Metric.GR_ENGINE_ACTIVE) * 100;
        double third = frame.gpu(mig).mig().get(2).values().get(Metric.GR_ENGINE_ACTIVE) * 100;

        assertThat(target.pixelAt(x + 3, y)).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(first));
        assertThat(target.pixelAt(x + 20, y)).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(third));
        assertThat(target.pixelAt(x + 40, y)).as("free slices").isNotEqualTo(target.pixelAt(x + 20, y))
                .isNotEqualTo(target.pixelAt(x + 3, y));
        assertThat(MigCells.slices("3g.40gb")).isEqualTo(3);
        assertThat(MigCells.slices("odd")).isEqualTo(1);
    }

    @Test
    void smallMigCellsAreOneColour() {
        int mig = ordinal(6, 1);
        HeatmapLayout layout = layout(8);
        PixelTarget target = render(8, HeatmapRenderer.Marks.none(NOW, 60_000));

        assertThat(target.pixelAt(layout.cellX(mig) + 1, layout.cellY(mig) + 4))
                .isEqualTo(target.pixelAt(layout.cellX(mig) + 6, layout.cellY(mig) + 4));
    }

    @Test
    void everyMultiSelectedCellIsOutlined() {
        BitSet selected = new BitSet();
        selected.set(100);
        selected.set(200);
        HeatmapLayout layout = layout(14);
        PixelTarget target = render(14, new HeatmapRenderer.Marks(-1, -1, NOW, 60_000, null, selected));

        assertThat(target.pixelAt(layout.cellX(100) - 1, layout.cellY(100) + 5)).isEqualTo(P.selection());
        assertThat(target.pixelAt(layout.cellX(200) + 14, layout.cellY(200) + 5)).isEqualTo(P.selection());
        assertThat(target.pixelAt(layout.cellX(150) - 1, layout.cellY(150) + 5)).isNotEqualTo(P.selection());
    }
}
