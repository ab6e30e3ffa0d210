package dev.gpufleet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockThrottleReasonTest {

    @Test
    void decodesTheBitsNvmlDefines() {
        assertThat(ClockThrottleReason.decode(0x4 | 0x40))
                .containsExactly(ClockThrottleReason.SW_POWER_CAP, ClockThrottleReason.HW_THERMAL_SLOWDOWN);
        assertThat(ClockThrottleReason.decode(1)).containsExactly(ClockThrottleReason.GPU_IDLE);
        assertThat(ClockThrottleReason.describe(0x4 | 0x40)).isEqualTo("Software power cap, Hardware thermal slowdown");
        assertThat(ClockThrottleReason.SW_POWER_CAP.concerning()).isTrue();
        assertThat(ClockThrottleReason.GPU_IDLE.concerning()).isFalse();
    }

    @Test
    void nothingAndNotReportedAreDifferent() {
        assertThat(ClockThrottleReason.decode(0)).isEmpty();
        assertThat(ClockThrottleReason.decode(Double.NaN)).isEmpty();
        assertThat(ClockThrottleReason.describe(0)).isEqualTo("none");
        assertThat(ClockThrottleReason.describe(Double.NaN)).isEqualTo("not reported");
    }

    @Test
    void unknownBitsAreKeptNotDropped() {
        assertThat(ClockThrottleReason.unknownBits(0x200 | 0x4)).isEqualTo(0x200);
        assertThat(ClockThrottleReason.describe(0x200 | 0x4)).isEqualTo("Software power cap, unknown 0x200");
        assertThat(ClockThrottleReason.decode(-4)).isEmpty();
        assertThat(ClockThrottleReason.decode(4.5)).isEmpty();
    }
}
