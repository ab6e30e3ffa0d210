package dev.gpufleet.sim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueFormatTest {

    private static String format(double v, boolean integer) {
        StringBuilder sb = new StringBuilder();
        DcgmExporter.appendValue(sb, v, integer);
        return sb.toString();
    }

    @Test
    void printsLikeGoPercentDAndPercentF() {
        assertThat(format(1980, true)).isEqualTo("1980");
        assertThat(format(16.365, false)).isEqualTo("16.365000");
        assertThat(format(0, false)).isEqualTo("0.000000");
        assertThat(format(0.0000034, false)).isEqualTo("0.000003");
        assertThat(format(113.6114999, false)).isEqualTo("113.611500");
        assertThat(format(4_742_776_123L, true)).isEqualTo("4742776123");
    }
}
