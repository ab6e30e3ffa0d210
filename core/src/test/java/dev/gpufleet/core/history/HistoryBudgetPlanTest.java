package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.metrics.Metric;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/// The arithmetic that turns a byte budget and a fleet size into a retention.
class HistoryBudgetPlanTest {

    private static final HistoryConfig DEFAULTS = HistoryConfig.defaults();

    @Test
    void theDefaultMetricsTakeTenBytesPerGpuPerTick() {
        assertThat(HistoryBudget.bytesPerTick(HistoryConfig.DEFAULT_METRICS)).isEqualTo(10);
        assertThat(HistoryBudget.bytesPerTick(List.of(Metric.GPU_UTIL, Metric.POWER_USAGE))).isEqualTo(3);
    }

    @Test
    void aSmallFleetKeepsTheWholeRetentionAtFullResolution() {
        Retention retention = HistoryBudget.DEFAULT.plan(DEFAULTS, 12_544);

        assertThat(retention).isEqualTo(Retention.full(DEFAULTS));
        assertThat(retention.fineWindow()).isEqualTo(Duration.ofHours(6));
        assertThat(retention.hasCoarseTier()).isFalse();
    }

    @Test
    void aHundredThousandGpusKeepAboutAnHourFineAndSixHoursOfFiveMinuteMeans() {
        long slots = 391L * FleetHistory.CHUNK_SLOTS; // 100k GPUs in whole chunks
        Retention retention = HistoryBudget.DEFAULT.plan(DEFAULTS, slots);

        // (384 MiB − 73 coarse ticks × 10 B − 36 B of marks, per slot) / 10 B per tick
        long expectedFine = (HistoryBudget.DEFAULT_BYTES - slots * 10 * 73 - slots * 36) / (slots * 10);
        assertThat(retention.coarseFactor()).isEqualTo(30);
        assertThat(retention.coarseResolution()).isEqualTo(Duration.ofMinutes(5));
        assertThat(retention.coarseTicks()).isEqualTo(2160 / 30 + 1);
        assertThat(retention.fineTicks()).isEqualTo((int) expectedFine).isBetween(320, 330);
        assertThat(retention.coarseWindow()).isEqualTo(Duration.ofHours(6));
        assertThat(HistoryBudget.DEFAULT.fits(retention, DEFAULTS, slots)).isTrue();
        assertThat(retention.describe()).isEqualTo("54 min at 10 s + 6 h at 5 min");
    }

    @Test
    void aFleetTooLargeForTheBudgetGetsTheSmallestShapeStillUseful() {
        Retention retention = HistoryBudget.DEFAULT.plan(DEFAULTS, 2_000_000);

        assertThat(retention.fineTicks()).isEqualTo(HistoryBudget.MIN_FINE_TICKS);
        assertThat(retention.hasCoarseTier()).isTrue();
        assertThat(HistoryBudget.DEFAULT.fits(retention, DEFAULTS, 2_000_000)).isFalse();
    }

    @Property
    void moreGpusNeverKeepFinerAndAPlanFitsWheneverAnyShapeCould(
            @ForAll @LongRange(min = 1, max = 3_000_000) long slots, @ForAll @IntRange(min = 1, max = 1000) int more) {
        HistoryBudget budget = HistoryBudget.DEFAULT;
        Retention small = budget.plan(DEFAULTS, slots);
        // As a growing history plans: never finer buckets than it has.
        Retention large = budget.plan(DEFAULTS, slots + more, small.coarseFactor());

        // Moving to coarser buckets may free room for more fine ticks; within one tier, never.
        assertThat(large.coarseFactor()).isGreaterThanOrEqualTo(small.coarseFactor());
        if (large.coarseFactor() == small.coarseFactor()) {
            assertThat(large.fineTicks()).isLessThanOrEqualTo(small.fineTicks());
        }
        assertThat(small.coarseFactor() == 0 || large.coarseFactor() % small.coarseFactor() == 0).isTrue();
        assertThat(small.fineTicks()).isGreaterThanOrEqualTo(HistoryBudget.MIN_FINE_TICKS);
        Retention floor = budget.plan(DEFAULTS, 100_000_000);
        if (budget.fits(floor, DEFAULTS, slots)) {
            assertThat(budget.fits(small, DEFAULTS, slots)).isTrue();
        }
    }

    @Test
    void budgetsReadInBinaryUnits() {
        assertThat(HistoryBudget.parse("384m").bytes()).isEqualTo(384L << 20);
        assertThat(HistoryBudget.parse(" 1G ").bytes()).isEqualTo(1L << 30);
        assertThat(HistoryBudget.parse("512MiB").bytes()).isEqualTo(512L << 20);
        assertThat(HistoryBudget.parse("20000000").bytes()).isEqualTo(20_000_000L);
        assertThat(HistoryBudget.parse("2g").describe()).isEqualTo("2 GiB");
    }

    @Test
    void aBadBudgetSaysWhatIsWrongAndWhatToWrite() {
        assertThatThrownBy(() -> HistoryBudget.parse("lots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lots'").hasMessageContaining("384m");
        assertThatThrownBy(() -> HistoryBudget.parse("1m"))
                .hasMessageContaining("too small").hasMessageContaining("16m");
        assertThatThrownBy(() -> HistoryBudget.parse("99999999999999g")).hasMessageContaining("'99999999999999g'");
    }

    @Test
    void theSystemPropertyOverridesTheDefault() {
        String before = System.getProperty(HistoryBudget.PROPERTY);
        try {
            System.clearProperty(HistoryBudget.PROPERTY);
            assertThat(HistoryBudget.fromSystemProperties())
                    .isEqualTo(HistoryBudget.forHeap(Runtime.getRuntime().maxMemory()));
            System.setProperty(HistoryBudget.PROPERTY, "1g");
            assertThat(HistoryBudget.fromSystemProperties().bytes()).isEqualTo(1L << 30);
            System.setProperty(HistoryBudget.PROPERTY, "huge");
            assertThatThrownBy(HistoryBudget::fromSystemProperties).hasMessageStartingWith("-D" + HistoryBudget.PROPERTY);
        } finally {
            if (before == null) {
                System.clearProperty(HistoryBudget.PROPERTY);
            } else {
                System.setProperty(HistoryBudget.PROPERTY, before);
            }
        }
    }

    @Test
    void theDefaultIsAQuarterOfTheHeapWithinItsBounds() {
        assertThat(HistoryBudget.forHeap(1536L << 20)).isEqualTo(HistoryBudget.DEFAULT);
        assertThat(HistoryBudget.forHeap(8L << 30)).isEqualTo(HistoryBudget.DEFAULT);
        assertThat(HistoryBudget.forHeap(768L << 20).bytes()).isEqualTo(192L << 20);
        assertThat(HistoryBudget.forHeap(32L << 20).bytes()).isEqualTo(HistoryBudget.MIN_BYTES);
        assertThat(HistoryBudget.forHeap(Long.MAX_VALUE)).isEqualTo(HistoryBudget.DEFAULT);
    }
}
