package dev.gpufleet.core.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class XidTrackerTest {

    private static final GpuKey GPU = new GpuKey("c1", "n1", "GPU-0");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<XidRecord> feed(XidTracker tracker, double... gauge) {
        for (int i = 0; i < gauge.length; i++) {
            tracker.observe(GPU, gauge[i], t(i * 10));
        }
        return tracker.node("c1", "n1").byGpu().getOrDefault("GPU-0", List.of());
    }

    @Test
    void theSameValueShowingAgainIsOneOccurrence() {
        List<XidRecord> records = feed(new XidTracker(), 79, 79, 79);
        assertThat(records).containsExactly(new XidRecord(79, t(0), t(20), 1));
    }

    @Test
    void aChangeOfCodeAndAReappearanceAfterClearingCountAgain() {
        List<XidRecord> records = feed(new XidTracker(), 13, 0, 13, 48, 13, Double.NaN, 13);
        assertThat(records).containsExactly(new XidRecord(13, t(0), t(60), 3), new XidRecord(48, t(30), t(30), 1));
    }

    @Test
    void aMissingReadingNeitherClearsNorCounts() {
        List<XidRecord> records = feed(new XidTracker(), 94, Double.NaN, Double.NaN, 94);
        assertThat(records).containsExactly(new XidRecord(94, t(0), t(30), 1));
    }

    @Test
    void gpusThatNeverShowedAnXidTakeNoMemory() {
        XidTracker tracker = new XidTracker();
        feed(tracker, 0, 0, Double.NaN);
        assertThat(tracker.node("c1", "n1").byGpu()).isEmpty();
    }

    @Test
    void codesPerGpuAreCappedDroppingTheLeastRecent() {
        XidTracker tracker = new XidTracker();
        double[] gauge = new double[XidTracker.MAX_CODES_PER_GPU + 4];
        for (int i = 0; i < gauge.length; i++) {
            gauge[i] = 1000 + i;
        }
        List<XidRecord> records = feed(tracker, gauge);
        assertThat(records).hasSize(XidTracker.MAX_CODES_PER_GPU);
        assertThat(records).extracting(XidRecord::code).doesNotContain(1000, 1001, 1002, 1003).contains(1019);
    }

    @Test
    void framesFeedEveryGpuAndForgettingANodeDropsIt() {
        XidTracker tracker = new XidTracker();
        tracker.record(frame(T0, 79));
        tracker.record(frame(t(10), 79));
        tracker.record(frame(t(20), 0));
        tracker.record(frame(t(30), 79));
        assertThat(tracker.node("c1", "n1").byGpu().get("GPU-0")).containsExactly(new XidRecord(79, T0, t(30), 2));
        tracker.forgetNode("c1", "n1");
        assertThat(tracker.node("c1", "n1").byGpu()).isEmpty();
        tracker.record(frame(t(40), 13));
        tracker.forgetCluster("c1");
        assertThat(tracker.node("c1", "n1").byGpu()).isEmpty();
    }

    private static TelemetryFrame frame(Instant at, double xid) {
        GpuSample sample = new GpuSample(0, "GPU-0", "NVIDIA H100", TriageFixtures.values(Metric.XID_ERRORS, xid),
                List.of(), List.of());
        return new TelemetryFrame("c1", at, List.of(new NodeTelemetry("n1", List.of(sample), null)));
    }

    /// The counting rule, stated independently: an occurrence starts wherever the gauge shows
    /// a code that differs from the last reported value before it (zero included).
    @Property
    void countsAreTheStartsOfShowings(@ForAll("gauges") List<Double> gauge) {
        XidTracker tracker = new XidTracker();
        double[] values = gauge.stream().mapToDouble(Double::doubleValue).toArray();
        List<XidRecord> records = feed(tracker, values);

        Map<Integer, Integer> expected = new HashMap<>();
        double previous = 0;
        for (double value : values) {
            if (Double.isNaN(value)) {
                continue;
            }
            if (value > 0 && value != previous) {
                expected.merge((int) value, 1, Integer::sum);
            }
            previous = value;
        }
        Map<Integer, Integer> counted = new HashMap<>();
        for (XidRecord record : records) {
            counted.put(record.code(), record.count());
            assertThat(record.firstSeen()).isBeforeOrEqualTo(record.lastSeen());
        }
        assertThat(counted).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Double>> gauges() {
        return Arbitraries.of(Double.NaN, 0.0, 13.0, 48.0, 79.0, 94.0).list().ofMaxSize(40);
    }
}
