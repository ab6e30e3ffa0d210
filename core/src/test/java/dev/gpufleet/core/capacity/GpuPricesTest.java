package dev.gpufleet.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Prices by model, and the `gpu-prices.json` that overrides them.
class GpuPricesTest {

    @TempDir
    Path dir;

    @Test
    void theLongestKeyAModelContainsWinsAndUnknownModelsPayTheDefault() {
        GpuPrices prices = GpuPrices.defaults().with(java.util.Map.of("H100 NVL", 4.0));

        assertThat(prices.perHour("NVIDIA H100 80GB HBM3")).isEqualTo(3.00);
        assertThat(prices.perHour("NVIDIA H100 NVL")).isEqualTo(4.0);
        assertThat(prices.perHour("NVIDIA A100-SXM4-80GB")).isEqualTo(1.80);
        assertThat(prices.perHour("AMD Instinct MI300X")).isEqualTo(3.50);
        assertThat(prices.perHour("Tesla T4")).isEqualTo(2.00);
        assertThat(prices.perHour(null)).isEqualTo(2.00);
    }

    @Test
    void aFileOverridesOnlyTheKeysItNames() throws Exception {
        Path file = dir.resolve(GpuPricesJson.FILE_NAME);
        Files.writeString(file, "{\n  \"H100\": 2.49,\n  \"default\": 1.5\n}\n");

        GpuPrices prices = GpuPricesJson.load(file);

        assertThat(prices.perHour("NVIDIA H100 80GB HBM3")).isEqualTo(2.49);
        assertThat(prices.perHour("NVIDIA H200")).isEqualTo(3.70);
        assertThat(prices.perHour("Tesla T4")).isEqualTo(1.5);
    }

    @Test
    void noFileMeansTheDefaults() throws Exception {
        assertThat(GpuPricesJson.load(dir.resolve("absent.json")).asMap()).isEqualTo(GpuPrices.defaults().asMap());
    }

    @Test
    void aPriceThatIsNotANumberIsRefusedWithTheFileLineAndKey() {
        assertThatThrownBy(() -> GpuPricesJson.parse("{\n  \"H100\": 2.0,\n  \"A100\": \"cheap\"\n}", "prices.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prices.json: line 3: the price of 'A100' must be a number of dollars per GPU-hour of 0 or more, e.g. 2.49");
    }

    @Test
    void aNegativePriceIsRefused() {
        assertThatThrownBy(() -> GpuPricesJson.parse("{\"H100\": -1}", "p.json"))
                .hasMessageStartingWith("p.json: line 1: the price of 'H100'");
    }

    @Test
    void brokenJsonNamesTheLine() {
        assertThatThrownBy(() -> GpuPricesJson.parse("{\n\"H100\": 2,\n\"A100\" 1\n}", "p.json"))
                .hasMessageStartingWith("p.json: line 3: not valid JSON")
                .hasMessageEndingWith("fix it or delete the file to use the defaults");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThatThrownBy(() -> GpuPricesJson.parse("[2.0]", "p.json"))
                .hasMessageContaining("must hold one JSON object of model");
    }
}
