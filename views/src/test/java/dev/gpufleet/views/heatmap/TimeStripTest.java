package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/// The GPU × time strip: layout arithmetic and pixels, with no window.
class TimeStripTest {

    private static final ColorScale SCALE = ColorScale.viridis(0, 100);
    private static final int NO_DATA = 0xFF333333;
    private final TimeStripRenderer renderer = new TimeStripRenderer(SCALE, NO_DATA);

    @Test
    void eachRowAndBucketGetsItsValuesColour() {
        TimeStripData data = TimeStripData.of(new float[][] {{0, 50, 100}, {100, Float.NaN, 0}});
        TimeStripLayout layout = TimeStripLayout.of(2, 3, 2, 3);
        PixelTarget target = new PixelTarget(new int[layout.width() * layout.height()], layout.width(),
                layout.height(), 0, 0);

        renderer.render(target, layout, data);

        assertThat(layout.width()).isEqualTo(9);
        assertThat(layout.height()).isEqualTo(4);
        assertThat(target.pixelAt(0, 0)).isEqualTo(SCALE.argb(0));
        assertThat(target.pixelAt(2, 1)).isEqualTo(SCALE.argb(0));
        assertThat(target.pixelAt(8, 1)).isEqualTo(SCALE.argb(100));
        assertThat(target.pixelAt(0, 2)).isEqualTo(SCALE.argb(100));
        assertThat(target.pixelAt(4, 3)).as("no reading").isEqualTo(NO_DATA);
        assertClose(target.pixelAt(3, 0), SCALE.argb(50));
    }

    @Test
    void moreRowsThanPixelsShowEachPixelRowsWorstValue() {
        int rows = 1000;
        TimeStripData data = TimeStripData.blank(rows, 2);
        for (int r = 0; r < rows; r++) {
            data.set(r, 0, 10);
        }
        data.set(537, 0, 90);
        TimeStripLayout layout = TimeStripLayout.fit(rows, 2, 1, 100);
        PixelTarget target = new PixelTarget(new int[2 * 100], 2, 100, 0, 0);

        renderer.render(target, layout, data);

        assertThat(layout.rowsPerPixel()).isEqualTo(10);
        assertThat(layout.height()).isEqualTo(100);
        assertThat(layout.rowAt(53)).isEqualTo(530);
        assertThat(layout.rowTop(537)).isEqualTo(53);
        assertClose(target.pixelAt(0, 53), SCALE.argb(90));
        assertClose(target.pixelAt(0, 52), SCALE.argb(10));
        assertThat(target.pixelAt(1, 53)).as("a bucket without readings anywhere").isEqualTo(NO_DATA);
    }

    @Test
    void aWindowDrawsOnlyItsRowsAndColumns() {
        TimeStripData data = TimeStripData.blank(50, 60);
        data.set(40, 59, 100);
        TimeStripLayout layout = TimeStripLayout.of(50, 60, 4, 2);
        PixelTarget window = new PixelTarget(new int[20 * 10], 20, 10, 100, layout.rowTop(40) - 2);

        renderer.render(window, layout, data);

        assertThat(window.pixelAt(119, layout.rowTop(40))).isEqualTo(SCALE.argb(100));
        assertThat(window.pixelAt(117, layout.rowTop(40))).isEqualTo(NO_DATA);
        assertThat(layout.columnAt(119)).isEqualTo(59);
        assertThat(layout.columnAt(120)).isEqualTo(-1);
    }

    @Test
    void fewRowsGrowToFillTheHeight() {
        TimeStripLayout layout = TimeStripLayout.fit(10, 60, 2, 100);

        assertThat(layout.rowHeight()).isEqualTo(10);
        assertThat(layout.rowsPerPixel()).isEqualTo(1);
        assertThat(layout.rowAt(95)).isEqualTo(9);
    }

    @Test
    void badInputIsRefusedWithItsSizes() {
        assertThatThrownBy(() -> new TimeStripData(new float[5], 2, 3)).hasMessageContaining("needs 6 values, got 5");
        assertThatThrownBy(() -> TimeStripData.of(new float[][] {{1, 2}, {3}})).hasMessageContaining("row 1");
        TimeStripLayout layout = TimeStripLayout.of(3, 3, 1, 1);
        PixelTarget target = new PixelTarget(new int[9], 3, 3, 0, 0);
        assertThatThrownBy(() -> renderer.render(target, layout, TimeStripData.blank(2, 3)))
                .hasMessageContaining("the data is 2 x 3");
    }

    private static void assertClose(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat((actual >> shift) & 0xFF).isCloseTo((expected >> shift) & 0xFF,
                    org.assertj.core.data.Offset.offset(2));
        }
    }
}
