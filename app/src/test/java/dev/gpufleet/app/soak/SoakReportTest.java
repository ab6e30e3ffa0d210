package dev.gpufleet.app.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The soak's verdict on made-up samples: the heap's slope over the second half, frame time
/// at the start against the end, and threads.
class SoakReportTest {

    private static final SoakPlan TEN_MINUTES = SoakPlan.of(Duration.ofMinutes(10), Duration.ofSeconds(30), null);

    // 20 samples, every 30 s; heap and frame p99 as the functions of the sample's minute say.
    private static List<SoakSample> samples(java.util.function.DoubleUnaryOperator heap,
            java.util.function.DoubleUnaryOperator frameP99, int threadsAtEnd) {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            double seconds = i * 30;
            double p99 = frameP99.applyAsDouble(seconds / 60);
            int threads = i == 20 ? threadsAtEnd : 30;
            samples.add(new SoakSample(seconds, heap.applyAsDouble(seconds / 60), threads, 1800, 16.7, 20, 40, 15,
                    p99 / 2, p99, p99 * 1.5, 100L * i, 68, 740, 544));
        }
        return samples;
    }

    @Test
    void flatHeapAndSteadyFramesPass() {
        SoakReport report = new SoakReport(TEN_MINUTES, samples(m -> 120 + (m % 1 == 0 ? 1 : -1), m -> 8, 31), "");
        assertThat(report.heapSlopeMbPer10Min()).isBetween(-1.0, 1.0);
        assertThat(report.failures()).isEmpty();
        assertThat(report.table()).contains("verdict: PASS");
    }

    @Test
    void aHeapGrowingOneMbPerMinuteFails() {
        SoakReport report = new SoakReport(TEN_MINUTES, samples(m -> 100 + m, m -> 8, 30), "");
        assertThat(report.heapSlopeMbPer10Min()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.passed()).isFalse();
        assertThat(report.table()).contains("verdict: FAIL: heap grew 10.00 MB per 10 min");
    }

    @Test
    void growthInTheFirstHalfOnlyIsWarmUp() {
        SoakReport report = new SoakReport(TEN_MINUTES, samples(m -> m < 5 ? 60 + 10 * m : 110, m -> 8, 30), "");
        assertThat(report.heapSlopeMbPer10Min()).isZero();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void framesMoreThanTwiceAsSlowAtTheEndFail() {
        SoakReport report = new SoakReport(TEN_MINUTES, samples(m -> 100, m -> m <= 2.5 ? 8 : 8 + 2 * m, 30), "");
        assertThat(report.firstFrameP99()).isEqualTo(8);
        assertThat(report.lastFrameP99()).isGreaterThan(16);
        assertThat(report.failures()).singleElement().asString().startsWith("frame time p99 went from 8.00 ms");
    }

    @Test
    void subMillisecondJitterIsNoDegradation() {
        SoakReport report = new SoakReport(TEN_MINUTES, samples(m -> 100, m -> m <= 2.5 ? 0.3 : 0.9, 30), "");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void threadsThatKeepComingFail() {
        SoakReport report = new SoakReport(TEN_MINUTES, samples(m -> 100, m -> 8, 45), "");
        assertThat(report.failures()).singleElement().asString().isEqualTo("threads grew from 30 to 45 over the second half");
    }

    @Test
    void aSoakTooShortForFourSamplesIsRefused() {
        assertThatThrownBy(() -> SoakPlan.of(Duration.ofSeconds(60), Duration.ofSeconds(30), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4 samples");
    }
}
