package dev.gpufleet.sim.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void formatsLikeKubectl() {
        assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanDuration.format(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(HumanDuration.format(Duration.ofMinutes(130))).isEqualTo("130m");
        assertThat(HumanDuration.format(Duration.ofMinutes(190))).isEqualTo("3h10m");
        assertThat(HumanDuration.format(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(HumanDuration.format(Duration.ofHours(5 * 24 + 3))).isEqualTo("5d3h");
        assertThat(HumanDuration.format(Duration.ofDays(120))).isEqualTo("120d");
        assertThat(HumanDuration.format(Duration.ofDays(365 * 2 + 30))).isEqualTo("2y30d");
        assertThat(HumanDuration.format(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    }
}
