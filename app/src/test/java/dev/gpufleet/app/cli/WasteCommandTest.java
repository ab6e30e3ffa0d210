package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet report waste` against the simulator, as a user runs it after `gpufleet sim`.
class WasteCommandTest {

    private static final String[] CATEGORIES = {"out_of_service", "unknown", "used", "underused", "idle_allocated",
        "stranded", "free"};

    @TempDir
    Path dir;

    @Test
    void aWindowOfTheSimulatedFleetIsAccountedGpuByGpu() throws Exception {
        try (SimulatorServer server = SimulatorServer.start(SimConfig.defaults())) {
            Path kubeconfig = dir.resolve("k.yaml");
            server.writeKubeconfig(kubeconfig, "gpufleet-sim");
            Path prices = Files.writeString(dir.resolve("prices.json"), "{\"H100\": 10, \"default\": 1}");

            CliRun run = CliRun.of("report", "waste", "--kubeconfig", kubeconfig.toString(), "--since", "4s",
                    "--format", "json", "--prices", prices.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode root = new ObjectMapper().readTree(run.out());
            double window = root.get("windowSeconds").asDouble();
            assertThat(window).isBetween(3.5, 30.0);
            JsonNode fleet = root.get("fleet");
            // 512 simulated GPUs, each accounted for the whole window, in exactly one category.
            assertThat(fleet.get("totalHours").asDouble()).isCloseTo(512 * window / 3600, within(1e-6));
            double categories = 0;
            for (String category : CATEGORIES) {
                categories += fleet.at("/hours/" + category).asDouble();
            }
            assertThat(categories).isCloseTo(fleet.get("totalHours").asDouble(), within(1e-9));
            assertThat(fleet.at("/hours/used").asDouble()).isPositive();
            assertThat(fleet.at("/hours/out_of_service").asDouble() + fleet.at("/hours/unknown").asDouble()).isPositive();
            assertThat(root.at("/prices/H100").asDouble()).isEqualTo(10);
            List<String> scopes = new ArrayList<>();
            root.get("rows").forEach(row -> scopes.add(row.get("scope").asText()));
            assertThat(scopes.stream().filter("node"::equals).count()).isEqualTo(64);
            assertThat(scopes).contains("cluster", "pool", "namespace", "workload");
            assertThat(root.get("pending")).allSatisfy(pod -> assertThat(pod.get("reason").asText()).isNotBlank());
        }
    }

    @Test
    void csvAndMarkdownOfTheDemoFleet() {
        CliRun csv = CliRun.of("report", "waste", "--demo", "--since", "2s", "--format", "csv");

        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("scope,key,category,gpu_hours,cost_usd,energy_kwh");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("fleet,all,idle_allocated,"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("hour,"));

        CliRun md = CliRun.of("report", "waste", "--demo", "--since", "2s");
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).startsWith("# GPU waste report").contains("## Pending GPU pods").contains("| **total** |");
    }

    @Test
    void badInputIsNamedWithTheFix() throws Exception {
        CliRun tooLong = CliRun.of("report", "waste", "--demo", "--since", "2h");
        assertThat(tooLong.exitCode()).isNotZero();
        assertThat(tooLong.err()).contains("--since 2h is longer than the 1h").doesNotContain("Exception");

        CliRun notDuration = CliRun.of("report", "waste", "--demo", "--since", "soon");
        assertThat(notDuration.err()).contains("--since: 'soon' is not a duration");

        Path broken = Files.writeString(dir.resolve("gpu-prices.json"), "{\n  \"H100\": \"lots\"\n}\n");
        CliRun badPrices = CliRun.of("report", "waste", "--demo", "--prices", broken.toString());
        assertThat(badPrices.exitCode()).isNotZero();
        assertThat(badPrices.err()).contains(broken + ": line 2: the price of 'H100' must be a number");

        CliRun missing = CliRun.of("report", "waste", "--demo", "--prices", dir.resolve("nope.json").toString());
        assertThat(missing.err()).contains("nope.json is not a file");

        CliRun idle = CliRun.of("report", "waste", "--demo", "--idle-below", "150");
        assertThat(idle.err()).contains("--idle-below 150.0 is not a percentage");

        CliRun bare = CliRun.of("report");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("name a report");
    }

    @Test
    void helpDescribesTheCategories() {
        CliRun help = CliRun.of("report", "waste", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--since", "--format", "--prices", "--idle-below", "stranded");
    }
}
