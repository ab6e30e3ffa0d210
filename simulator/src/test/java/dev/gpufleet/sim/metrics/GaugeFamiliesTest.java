package dev.gpufleet.sim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GaugeFamiliesTest {

    @Test
    void numbersLookAsGoWritesThem() {
        assertThat(GaugeFamilies.goFloat(97)).isEqualTo("97");
        assertThat(GaugeFamilies.goFloat(196592)).isEqualTo("196592");
        assertThat(GaugeFamilies.goFloat(999999)).isEqualTo("999999");
        assertThat(GaugeFamilies.goFloat(1234567)).isEqualTo("1.234567e+06");
        assertThat(GaugeFamilies.goFloat(1.2345678e12)).isEqualTo("1.2345678e+12");
        assertThat(GaugeFamilies.goFloat(1e21)).isEqualTo("1e+21");
        assertThat(GaugeFamilies.goFloat(0.5)).isEqualTo("0.5");
        assertThat(GaugeFamilies.goFloat(0.00001)).isEqualTo("1e-05");
        assertThat(GaugeFamilies.goFloat(-3)).isEqualTo("-3");
        assertThat(GaugeFamilies.goFloat(0)).isEqualTo("0");
        assertThat(GaugeFamilies.goFloat(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void familiesAreSortedAndLabelsEscaped() {
        GaugeFamilies families = new GaugeFamilies();
        Map<String, String> labels = new TreeMap<>(Map.of("b", "say \"hi\"", "a", "1"));
        families.add("gpu_used_vram", labels, 2);
        families.add("gpu_clock", labels, 3);

        assertThat(families.render()).isEqualTo("""
                # HELP gpu_clock Clock measure of the GPU in Mhz
                # TYPE gpu_clock gauge
                gpu_clock{a="1",b="say \\"hi\\""} 3
                # HELP gpu_used_vram Total VRAM memory used in MB
                # TYPE gpu_used_vram gauge
                gpu_used_vram{a="1",b="say \\"hi\\""} 2
                """);
    }
}
