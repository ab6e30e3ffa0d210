package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.fleet.GpuFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet triage` against the demo fleet, whose simulator injects XID faults.
class TriageCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Fleet DEMO = FleetPlanner.plan(SimConfig.DEFAULT_NODES, SimConfig.DEFAULT_GPUS_PER_NODE,
            SimConfig.DEFAULT_SEED);

    @TempDir
    Path dir;

    /// The demo node and GPU index the simulator gave `fault`.
    private static Map.Entry<String, Integer> faulty(GpuFault fault) {
        int gpus = SimConfig.DEFAULT_GPUS_PER_NODE;
        int flat = DEMO.faults().entrySet().stream().filter(e -> e.getValue() == fault).map(Map.Entry::getKey)
                .sorted().findFirst().orElseThrow();
        return Map.entry(DEMO.nodeName(flat / gpus), flat % gpus);
    }

    private String[] args(String... extra) {
        String[] base = {"triage", "--demo", "--thresholds", dir.resolve("thresholds.json").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void aNodeWithAGpuThatFellOffTheBusIsFailingAndShouldBeDrained() throws Exception {
        Map.Entry<String, Integer> lost = faulty(GpuFault.FALLEN_OFF_BUS);

        CliRun markdown = CliRun.of(args(lost.getKey()));
        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        assertThat(markdown.out()).contains("# Triage: " + lost.getKey(), "**Verdict: FAILING**",
                "**Recommended action: drain**", "XID 79 — GPU has fallen off the bus", "stopped answering on PCIe",
                "XidError", "cordoned");

        CliRun json = CliRun.of(args(lost.getKey(), "--gpu", String.valueOf(lost.getValue()), "--format", "json"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("verdict").asText()).isEqualTo("failing");
        assertThat(root.get("action").asText()).isEqualTo("drain");
        assertThat(root.get("gpu").asInt()).isEqualTo(lost.getValue());
        assertThat(root.at("/xids/0/code").asInt()).isEqualTo(79);
        assertThat(root.at("/xids/0/meaning").asText()).contains("PCIe");
        assertThat(root.at("/xids/0/count").asInt()).isEqualTo(1);
        assertThat(root.get("events").toString()).contains("XidError");
    }

    @Test
    void aDoubleBitEccErrorAsksForAReset() throws Exception {
        Map.Entry<String, Integer> dbe = faulty(GpuFault.DOUBLE_BIT_ECC);

        CliRun run = CliRun.of(args(dbe.getKey(), "--gpu", String.valueOf(dbe.getValue()), "--format", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("verdict").asText()).isEqualTo("failing");
        assertThat(root.get("action").asText()).isEqualTo("reset");
        assertThat(root.get("reason").asText()).contains("XID 48");
    }

    @Test
    void unknownNodesAndGpusAreOneClearLineNamingWhatExists() throws Exception {
        String node = faulty(GpuFault.FALLEN_OFF_BUS).getKey();
        String typo = node.substring(0, node.length() - 1) + "x";

        CliRun noNode = CliRun.of(args(typo));
        assertThat(noNode.exitCode()).isEqualTo(2);
        assertThat(noNode.err()).contains("no node named '" + typo + "'", "nearest: " + node).hasLineCount(1);

        CliRun noGpu = CliRun.of(args(node, "--gpu", "42"));
        assertThat(noGpu.exitCode()).isEqualTo(2);
        assertThat(noGpu.err()).contains("has no GPU '42'", "0 to 7").hasLineCount(1);
    }

    @Test
    void brokenThresholdsAreRefusedBeforeConnecting() throws Exception {
        Files.writeString(dir.resolve("thresholds.json"), "{\"gpuTempWatch\": 70}");

        CliRun run = CliRun.of(args("any-node"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown threshold 'gpuTempWatch'").hasLineCount(1);
    }

    @Test
    void thresholdsFromTheFileApply() throws Exception {
        Map.Entry<String, Integer> lost = faulty(GpuFault.FALLEN_OFF_BUS);
        int healthyGpu = lost.getValue() == 0 ? 1 : 0;
        Files.writeString(dir.resolve("thresholds.json"),
                "{\"gpuTempWatchCelsius\": 1, \"gpuTempFailingCelsius\": 2}");

        CliRun run = CliRun.of(args(lost.getKey(), "--gpu", String.valueOf(healthyGpu), "--format", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("verdict").asText()).isEqualTo("failing");
        assertThat(root.get("reason").asText()).contains("GPU temperature at or above 2 °C");
    }
}
