package dev.gpufleet.views.details;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthReasonsTest {

    @Test
    void countsReadInTheRightNumber() {
        assertThat(HealthReasons.count(1, "row")).isEqualTo("1 row");
        assertThat(HealthReasons.count(2, "row")).isEqualTo("2 rows");
        assertThat(HealthReasons.count(0, "row")).isEqualTo("0 rows");
    }
}
