package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeatmapRendererTest {

    private static final HeatmapPalette P = HeatmapPalette.DARK;
    private static final long NOW = TestFleets.T0.toEpochMilli();
    private static final long STALE_AFTER = 60_000;

    private HeatmapFrame frame;
    private HeatmapLayout layout;
    private PixelTarget target;

    @BeforeEach
    void render() {
        FleetSnapshot fleet = TestFleets.demo(1, 0);
        frame = HeatmapFrame.extract(fleet, HeatmapMetric.UTILIZATION, null);
        layout = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.DEFAULT, 1000);
        target = target(0, layout.height());
        HeatmapRenderer.render(target, layout, frame, P, HeatmapRenderer.Marks.none(NOW, STALE_AFTER));
    }

    private PixelTarget target(int originY, int height) {
        return new PixelTarget(new int[layout.width() * height], layout.width(), height, 0, originY);
    }

    private int centre(PixelTarget t, int ordinal) {
        int half = HeatmapGeometry.DEFAULT.cellSize() / 2;
        return t.pixelAt(layout.cellX(ordinal) + half, layout.cellY(ordinal) + half);
    }

    private int ordinal(String node, int index) {
        return frame.ordinalOf(new GpuSelection("prod-east", node, index, null));
    }

    @Test
    void aCellShowsItsValuesScaleColour() {
        int ordinal = ordinal(TestFleets.nodeName("prod-east", 10), 3);

        assertThat(centre(target, ordinal)).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(frame.value(ordinal)));
    }

    @Test
    void cellsWithoutTelemetryAreGreyWithACross() {
        int ordinal = ordinal(TestFleets.nodeName("prod-east", 2), 4);
        int x = layout.cellX(ordinal);
        int y = layout.cellY(ordinal);

        int fill = target.pixelAt(x + 1, y + 7);
        assertThat(fill).isEqualTo(PixelTarget.over(P.noTelemetry(), P.plate()));
        assertThat(target.pixelAt(x + 2, y + 2)).isNotEqualTo(fill);
        assertThat(fill).isNotEqualTo(HeatmapMetric.UTILIZATION.scale().argb(0));
    }

    @Test
    void staleCellsAreDimmed() {
        int ordinal = ordinal(TestFleets.nodeName("prod-east", 4), 5);
        int bright = HeatmapMetric.UTILIZATION.scale().argb(frame.value(ordinal));

        int shown = centre(target, ordinal);
        assertThat(shown).isEqualTo(PixelTarget.over(HeatmapRenderer.fade(bright, HeatmapRenderer.STALE_OPACITY),
                P.plate()));
        assertThat(shown >>> 24).isLessThan(0xFF);
    }

    @Test
    void eachClusterGoesStaleAfterItsOwnAge() {
        int east = ordinal(TestFleets.nodeName("prod-east", 7), 0);
        int west = frame.ordinalOf(new GpuSelection("research-west", TestFleets.nodeName("research-west", 7), 0, null));
        PixelTarget later = target(0, layout.height());
        long tenSecondsOn = NOW + 10_000;

        HeatmapRenderer.render(later, layout, frame, P, new HeatmapRenderer.Marks(-1, -1, tenSecondsOn, STALE_AFTER,
                cluster -> cluster.equals("prod-east") ? 6_000 : 30_000));

        int eastBright = HeatmapMetric.UTILIZATION.scale().argb(frame.value(east));
        assertThat(centre(target, east)).isEqualTo(eastBright);
        assertThat(centre(later, east)).isEqualTo(PixelTarget.over(
                HeatmapRenderer.fade(eastBright, HeatmapRenderer.STALE_OPACITY), P.plate()));
        assertThat(centre(later, west)).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(frame.value(west)));
    }

    @Test
    void failingGpusGetARedFrameAndWarningsAnAmberCorner() {
        int failing = ordinal(TestFleets.nodeName("prod-east", 1), 2);
        int warning = ordinal(TestFleets.nodeName("prod-east", 3), 0);
        assertThat(frame.health(failing)).isEqualTo(Health.FAILING);
        assertThat(frame.health(warning)).isEqualTo(Health.WARNING);

        assertThat(target.pixelAt(layout.cellX(failing), layout.cellY(failing) + 7)).isEqualTo(P.failing());
        assertThat(centre(target, failing)).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(97));
        int size = HeatmapGeometry.DEFAULT.cellSize();
        assertThat(target.pixelAt(layout.cellX(warning) + size - 1, layout.cellY(warning))).isEqualTo(P.warning());
        assertThat(target.pixelAt(layout.cellX(warning), layout.cellY(warning) + size - 1))
                .isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(frame.value(warning)));
    }

    @Test
    void cordonedNodesHaveTheirOwnPlate() {
        HeatmapLayout.Rect cordoned = layout.plateBounds(5);
        HeatmapLayout.Rect normal = layout.plateBounds(7);

        assertThat(target.pixelAt(cordoned.x() + 3, cordoned.y() + 3)).isEqualTo(P.cordonedPlate());
        assertThat(target.pixelAt(normal.x() + 3, normal.y() + 3)).isEqualTo(P.plate());
    }

    @Test
    void selectionAndHoverAreOutlinedInTheGap() {
        PixelTarget marked = target(0, layout.height());
        HeatmapRenderer.render(marked, layout, frame, P, new HeatmapRenderer.Marks(40, 50, NOW, STALE_AFTER));

        assertThat(marked.pixelAt(layout.cellX(40) - 1, layout.cellY(40) + 5)).isEqualTo(P.selection());
        assertThat(marked.pixelAt(layout.cellX(40) - 2, layout.cellY(40) + 5)).isEqualTo(P.selection());
        assertThat(marked.pixelAt(layout.cellX(50) - 1, layout.cellY(50) + 5))
                .isEqualTo(PixelTarget.over(P.hover(), P.plate()));
        assertThat(centre(marked, 40)).isEqualTo(centre(target, 40));
    }

    @Test
    void aScrolledViewportShowsTheSamePixels() {
        int originY = layout.cellY(300) - 20;
        PixelTarget window = target(originY, 120);
        HeatmapRenderer.render(window, layout, frame, P, HeatmapRenderer.Marks.none(NOW, STALE_AFTER));

        assertThat(centre(window, 300)).isEqualTo(centre(target, 300));
        assertThat(window.pixelAt(layout.cellX(300) + 1, layout.cellY(300) + 1))
                .isEqualTo(target.pixelAt(layout.cellX(300) + 1, layout.cellY(300) + 1));
    }

    @Test
    void refusesALayoutOfAnotherShape() {
        HeatmapLayout other = HeatmapLayout.compute(HeatmapTopology.of(TestFleets.simple(1, 3, 8)),
                HeatmapGeometry.DEFAULT, 500);

        assertThatThrownBy(() -> HeatmapRenderer.render(target, other, frame, P,
                HeatmapRenderer.Marks.none(NOW, STALE_AFTER))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void switchingMetricChangesColoursNotLayout() {
        HeatmapFrame power = HeatmapFrame.extract(frame.snapshot(), HeatmapMetric.POWER, frame.topology());
        PixelTarget powered = target(0, layout.height());
        HeatmapRenderer.render(powered, layout, power, P, HeatmapRenderer.Marks.none(NOW, STALE_AFTER));

        assertThat(power.topology()).isSameAs(frame.topology());
        int ordinal = ordinal(TestFleets.nodeName("prod-east", 10), 3);
        assertThat(centre(powered, ordinal)).isEqualTo(HeatmapMetric.POWER.scale().argb(power.value(ordinal)))
                .isNotEqualTo(centre(target, ordinal));
    }
}
