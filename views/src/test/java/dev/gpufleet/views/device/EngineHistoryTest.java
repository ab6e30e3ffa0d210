package dev.gpufleet.views.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineHistoryTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void newestIsTheRightmostColumnAndGapsAreNotReported() {
        EngineHistory ring = new EngineHistory(2, 4, Duration.ofSeconds(10));
        ring.record(T0, new double[] {0.1, Double.NaN});
        ring.record(T0.plusSeconds(20), new double[] {0.3, 0.0});
        assertThat(ring.valueAt(0, 3)).isEqualTo(0.3);
        assertThat(ring.valueAt(1, 3)).as("a real zero stays zero").isZero();
        assertThat(ring.valueAt(0, 2)).as("a missed tick").isNaN();
        assertThat(ring.valueAt(0, 1)).isEqualTo(0.1);
        assertThat(ring.valueAt(1, 1)).as("not reported is NaN, not zero").isNaN();
        assertThat(ring.valueAt(0, 0)).isNaN();
    }

    @Test
    void oldLapsNeverShowThrough() {
        EngineHistory ring = new EngineHistory(1, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            ring.record(T0.plusSeconds(10L * i), new double[] {i});
        }
        ring.record(T0.plusSeconds(50), new double[] {5});
        assertThat(ring.frame().values()).containsExactly(Double.NaN, Double.NaN, 5);
    }

    @Test
    void valuesOlderThanTheWindowAreDroppedAndLaterOnesInATickWin() {
        EngineHistory ring = new EngineHistory(1, 3, Duration.ofSeconds(10));
        ring.record(T0.plusSeconds(100), new double[] {1});
        ring.record(T0, new double[] {9});
        ring.record(T0.plusSeconds(105), new double[] {2});
        assertThat(ring.frame().values()).containsExactly(Double.NaN, Double.NaN, 2);
    }

    @Test
    void seedingFillsOlderColumnsWithoutMovingTheWindowBack() {
        EngineHistory ring = new EngineHistory(1, 3, Duration.ofSeconds(10));
        ring.record(T0.plusSeconds(20), new double[] {3});
        ring.put(ring.tickOf(T0), 0, 1);
        ring.put(ring.tickOf(T0.plusSeconds(10)), 0, Double.NaN);
        assertThat(ring.frame().values()).containsExactly(1, Double.NaN, 3);
        assertThat(ring.frame().reported(0)).isTrue();
        assertThat(ring.frame().span()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void describesACellForAPerson() {
        EngineHistory ring = new EngineHistory(EngineRow.NVIDIA.size(), 4, Duration.ofSeconds(10));
        double[] values = new double[EngineRow.NVIDIA.size()];
        java.util.Arrays.fill(values, Double.NaN);
        values[1] = 0.42;
        ring.record(T0, values);
        EngineFrame frame = ring.frame();
        assertThat(frame.describe(EngineRow.NVIDIA, 4 + 3)).isEqualTo("SM active · 12:00:00 UTC · 42 %");
        assertThat(frame.describe(EngineRow.NVIDIA, 4 + 2)).isEqualTo("SM active · 11:59:50 UTC · not reported");
        assertThat(frame.describe(EngineRow.NVIDIA, -1)).isEmpty();
        assertThat(EngineFrame.empty(12, 4, Duration.ofSeconds(10)).describe(EngineRow.NVIDIA, 0))
                .isEqualTo("Graphics engine · no samples yet · not reported");
    }

    @Test
    void checksItsInput() {
        EngineHistory ring = new EngineHistory(2, 3, Duration.ofSeconds(10));
        assertThatThrownBy(() -> ring.record(T0, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThat(EngineFrame.empty(2, 3, Duration.ofSeconds(1)).reported(1)).isFalse();
    }
}
