package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.capacity.GpuPrices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The console's capacity prices: the user's file when it is good, the placeholders and a line
/// naming the file when it is not.
class ConsoleCapacityPricesTest {

    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    @Test
    void aGoodFileSetsThePrices() throws Exception {
        Path file = Files.writeString(dir.resolve("gpu-prices.json"), "{\"H100\": 4.25, \"default\": 1.0}");

        GpuPrices prices = ConsoleCapacity.prices(Optional.of(file), problems::add);

        assertThat(prices.perHour("NVIDIA H100 80GB HBM3")).isEqualTo(4.25);
        assertThat(problems).isEmpty();
    }

    @Test
    void aBrokenFileGivesThePlaceholdersAndSaysWhichFile() throws Exception {
        Path file = Files.writeString(dir.resolve("gpu-prices.json"), "{\"H100\": \"cheap\"");

        GpuPrices prices = ConsoleCapacity.prices(Optional.of(file), problems::add);

        assertThat(prices.asMap()).isEqualTo(GpuPrices.defaults().asMap());
        assertThat(problems).singleElement().asString().contains(file.toString()).contains("placeholder")
                .contains("Fix the file");
    }

    @Test
    void noFileMeansThePlaceholdersQuietly() {
        assertThat(ConsoleCapacity.prices(Optional.of(dir.resolve("absent.json")), problems::add).asMap())
                .isEqualTo(GpuPrices.defaults().asMap());
        assertThat(ConsoleCapacity.prices(Optional.empty(), problems::add).asMap())
                .isEqualTo(GpuPrices.defaults().asMap());
        assertThat(problems).isEmpty();
    }
}
