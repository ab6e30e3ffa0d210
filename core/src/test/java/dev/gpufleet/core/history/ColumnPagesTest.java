package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/// A column's pages are made when a reported value is first written into them, so a ring fills
/// as time passes; reading, clearing or writing `NaN` makes none, and every operation reads a
/// missing page as not reported.
class ColumnPagesTest {

    private static final int PAGE = Column.PAGE_CELLS;
    /// Three and a half pages.
    private static final int CELLS = 3 * PAGE + PAGE / 2;

    private static List<Column> everyWidth() {
        return List.of(Column.allocate(Encoding.of(Metric.GPU_UTIL), CELLS),
                Column.allocate(new Encoding(Encoding.Width.CHAR, 0.01), CELLS),
                Column.allocate(new Encoding(Encoding.Width.FLOAT, 1), CELLS),
                Column.allocate(new Encoding(Encoding.Width.DOUBLE, 1), CELLS));
    }

    private static long pageBytes(Column column) {
        column.set(0, 1);
        long bytes = column.payloadBytes();
        column.clear(0, 1);
        return bytes;
    }

    @Test
    void aNewColumnHoldsNoPagesAndReadsNotReportedEverywhere() {
        for (Column column : everyWidth()) {
            assertThat(column.payloadBytes()).isZero();
            assertThat(column.get(0)).isNaN();
            assertThat(column.get(CELLS - 1)).isNaN();
            column.set(5, Double.NaN);
            column.clear(0, CELLS);
            assertThat(column.payloadBytes()).as("NaN and clears make no page").isZero();
        }
    }

    @Test
    void aValueMakesOnlyItsOwnPageAndTheLastPageIsOnlyAsLongAsTheColumn() {
        for (Column column : everyWidth()) {
            long page = pageBytes(column);
            assertThat(page).isPositive();

            column.set(2 * PAGE + 7, 42);
            assertThat(column.get(2 * PAGE + 7)).isEqualTo(42);
            assertThat(column.get(2 * PAGE + 8)).isNaN();
            assertThat(column.get(PAGE + 7)).isNaN();
            assertThat(column.payloadBytes()).as("first and third pages").isEqualTo(2 * page);

            column.set(CELLS - 1, 3);
            assertThat(column.payloadBytes()).as("plus half a page at the end").isEqualTo(2 * page + page / 2);
            assertThat(column.get(CELLS - 1)).isEqualTo(3);
        }
    }

    @Test
    void clearingARangeAcrossPagesClearsOnlyThatRange() {
        for (Column column : everyWidth()) {
            column.set(PAGE - 1, 10);
            column.set(PAGE, 20);
            column.set(PAGE + 1, 30);

            column.clear(PAGE - 1, PAGE + 1);

            assertThat(column.get(PAGE - 1)).isNaN();
            assertThat(column.get(PAGE)).isNaN();
            assertThat(column.get(PAGE + 1)).isEqualTo(30);
        }
    }

    @Test
    void runsThroughMissingPagesArchiveAsNotReportedAndRestoreWithoutMakingPages() {
        for (Column column : everyWidth()) {
            ByteBuffer out = ByteBuffer.allocate(64 * 8);
            assertThat(column.putRun(0, PAGE / 4, 8, out)).as("nothing reported in missing pages").isFalse();
            column.set(3 * PAGE / 4 * 1, 50);
            ByteBuffer withValue = ByteBuffer.allocate(64 * 8);
            assertThat(column.putRun(0, PAGE / 4, 8, withValue)).isTrue();

            Column restored = Column.allocate(encodingOf(column), CELLS);
            out.flip();
            assertThat(restored.takeRun(0, PAGE / 4, 8, out)).isEqualTo(-1);
            assertThat(restored.payloadBytes()).as("only not-reported codes: no page").isZero();
            withValue.flip();
            assertThat(restored.takeRun(0, PAGE / 4, 8, withValue)).isEqualTo(3);
            assertThat(restored.get(3 * PAGE / 4)).isEqualTo(50);
        }
    }

    @Test
    void copyingCarriesValuesAndNotReportedCellsAcrossPages() {
        for (Column source : everyWidth()) {
            source.set(PAGE - 2, 11);
            source.set(PAGE + 1, 12);
            Column target = Column.allocate(encodingOf(source), CELLS);
            target.set(2 * PAGE + 1, 99);

            // Source cells PAGE-2 .. PAGE+1 land on 2*PAGE-1 .. 2*PAGE+2: the 99 is overwritten by a NaN.
            target.copyFrom(source, PAGE - 2, 2 * PAGE - 1, 4);

            assertThat(target.get(2 * PAGE - 1)).isEqualTo(11);
            assertThat(target.get(2 * PAGE)).isNaN();
            assertThat(target.get(2 * PAGE + 1)).isNaN();
            assertThat(target.get(2 * PAGE + 2)).isEqualTo(12);
        }
    }

    @Test
    void bucketMeansSkipMissingPages() {
        for (Column column : everyWidth()) {
            column.set(PAGE + 1, 40);
            double[] sums = new double[4];
            int[] reported = new int[4];
            column.addTo(PAGE - 2, 4, sums, reported);
            assertThat(reported).containsExactly(0, 0, 0, 1);
            assertThat(sums[3]).isEqualTo(40);
        }
    }

    private static Encoding encodingOf(Column column) {
        return switch (column) {
            case ByteColumn bytes -> Encoding.of(Metric.GPU_UTIL);
            case CharColumn chars -> new Encoding(Encoding.Width.CHAR, 0.01);
            case FloatColumn floats -> new Encoding(Encoding.Width.FLOAT, 1);
            case DoubleColumn doubles -> new Encoding(Encoding.Width.DOUBLE, 1);
        };
    }
}
