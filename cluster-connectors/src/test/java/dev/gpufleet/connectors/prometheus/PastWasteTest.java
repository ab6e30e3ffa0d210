package dev.gpufleet.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteAmounts;
import dev.gpufleet.core.capacity.WasteCategory;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.core.capacity.WasteReportJson;
import dev.gpufleet.core.capacity.WasteScope;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The waste of three past days read from a real `prometheus` whose TSDB holds three days of
/// hand-made dcgm-exporter series (written into blocks by `promtool tsdb
/// create-blocks-from openmetrics`), far longer than any in-memory history. One node, two
/// H100s, a sample a minute, 59 s lookback, so every step sees the sample of its minute and none older:
///
/// - GPU 0: day 1 held by `ml/train-0` at 80% utilization, day 2 held at 0% (idle), day 3 no pod.
/// - GPU 1: no pod for days 1 and 2, then its exporter stops: day 3 has no readings.
/// - Both draw 100 W throughout what they report.
///
/// So, by hand: used 0.8 × 24 = 19.2 h, underused 4.8 h, idle-allocated 24 h (2.4 kWh), free
/// 24 + 48 = 72 h (stranded is not known and sits in free), unknown 24 h, total 144 h, out of
/// service 0 although the node is cordoned today.
class PastWasteTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(4));
    private static final Instant END = T0.plus(Duration.ofDays(3));
    private static final double EPS = 1e-6;

    @TempDir
    static Path dir;

    private static PrometheusProcess prometheus;

    @BeforeAll
    static void startPrometheusOnThreeHandMadeDays() throws Exception {
        Path binary = PrometheusProcess.binary().orElse(null);
        Path promtool = Path.of("/usr/bin/promtool");
        if (binary == null || !Files.isExecutable(promtool)) {
            System.err.println(PrometheusProcess.SKIP_LINE);
            Assumptions.assumeTrue(false, PrometheusProcess.SKIP_LINE);
        }
        Path series = Files.writeString(dir.resolve("series.om"), openMetrics());
        Process blocks = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                series.toString(), dir.resolve("tsdb").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile()).start();
        assertThat(blocks.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(blocks.exitValue()).as(Files.readString(dir.resolve("promtool.log"))).isZero();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 1m}\n");
        prometheus = PrometheusProcess.start(binary, config, dir, "--query.lookback-delta=59s",
                "--storage.tsdb.retention.time=3650d");
        prometheus.awaitQuery("count(count_over_time(DCGM_FI_DEV_GPU_TEMP[6d]))", body -> body.contains("\"3\"]"),
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        PrometheusProcess.closeQuietly(prometheus);
    }

    @Test
    void threeDaysAreAccountedStepByStepAsCountedByHand() throws Exception {
        WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());
        Duration step = PrometheusWindow.stepFor(Duration.between(T0, END), Duration.ofSeconds(15));

        PastWaste.Summary summary = PastWaste.account(Map.of("c", options()), today(), T0, END, step, ledger);
        WasteReport report = ledger.report();

        assertThat(step).isEqualTo(Duration.ofSeconds(30));
        assertThat(summary.steps()).isEqualTo(3 * 24 * 120 + 1);
        assertThat(summary.warnings()).isEmpty();
        assertThat(report.from()).isEqualTo(T0);
        assertThat(report.to()).isEqualTo(END);
        WasteAmounts fleet = report.fleet();
        assertThat(fleet.totalHours()).isCloseTo(144, within(EPS));
        assertThat(fleet.hours(WasteCategory.USED)).isCloseTo(19.2, within(EPS));
        assertThat(fleet.hours(WasteCategory.UNDERUSED)).isCloseTo(4.8, within(EPS));
        assertThat(fleet.hours(WasteCategory.IDLE_ALLOCATED)).isCloseTo(24, within(EPS));
        assertThat(fleet.kwh(WasteCategory.IDLE_ALLOCATED)).isCloseTo(2.4, within(EPS));
        assertThat(fleet.hours(WasteCategory.FREE)).isCloseTo(72, within(EPS));
        assertThat(fleet.hours(WasteCategory.UNKNOWN)).isCloseTo(24, within(EPS));
        assertThat(fleet.hours(WasteCategory.OUT_OF_SERVICE)).isZero();
        assertThat(fleet.hours(WasteCategory.STRANDED)).isZero();
        assertThat(report.known(WasteCategory.STRANDED)).isFalse();
        // The pod still runs today, so its owner names the workload.
        WasteAmounts train = report.rows(WasteScope.WORKLOAD).stream()
                .filter(row -> row.key().equals("c/ml/Job/train")).findFirst().orElseThrow().amounts();
        assertThat(train.hours(WasteCategory.USED)).isCloseTo(19.2, within(EPS));
        assertThat(train.hours(WasteCategory.IDLE_ALLOCATED)).isCloseTo(24, within(EPS));
        assertThat(report.trend()).hasSize(72);
        assertThat(report.notes()).contains(PastWaste.STRANDED_NOTE);
    }

    @Test
    void aStepTooFineForOneQueryIsReadInSeveralAndTheJsonSaysStrandedIsNotKnown() throws Exception {
        WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());
        // 12 h at 5 s: 8,641 steps; 6 series allow the most steps per query, so the probe and one more.
        PastWaste.Summary summary = PastWaste.account(Map.of("c", options()), today(), T0.plus(Duration.ofHours(18)),
                T0.plus(Duration.ofHours(30)), Duration.ofSeconds(5), ledger);
        StringWriter json = new StringWriter();
        WasteReportJson.write(ledger.report(), new PrintWriter(json));
        JsonNode root = new ObjectMapper().readTree(json.toString());

        assertThat(summary.queries()).isEqualTo(2);
        // 6 h used 80% and 6 h idle on GPU 0, 12 h free on GPU 1.
        assertThat(root.at("/fleet/hours/used").asDouble()).isCloseTo(4.8, within(EPS));
        assertThat(root.at("/fleet/hours/idle_allocated").asDouble()).isCloseTo(6, within(EPS));
        assertThat(root.at("/fleet/hours/free").asDouble()).isCloseTo(12, within(EPS));
        assertThat(root.at("/fleet/hours/stranded").isNull()).isTrue();
        assertThat(root.get("notKnown").toString()).isEqualTo("[\"stranded\"]");
    }

    @Test
    void aBackfillReadsOnlyTheWindowItIsGivenNotTheWholeRetention() throws Exception {
        HistoryConfig history = HistoryConfig.defaults();
        List<TelemetryFrame> frames = new ArrayList<>();
        try (PrometheusBackfill backfill = new PrometheusBackfill("c", options(), history)) {
            PrometheusBackfill.Report shortOne = backfill.run(END.plusSeconds(10), Duration.ofMinutes(5), frames::addAll);
            PrometheusBackfill.Report whole = backfill.run(END.plusSeconds(10), frame -> { });

            assertThat(Duration.between(shortOne.from(), shortOne.to())).isEqualTo(Duration.ofMinutes(5));
            assertThat(shortOne.to()).isEqualTo(END.plusSeconds(10));
            // GPU 0 reports every minute up to the end; with 59 s lookback each 10 s step sees it.
            assertThat(shortOne.frames()).isEqualTo(30);
            assertThat(frames).extracting(TelemetryFrame::time).allSatisfy(time -> assertThat(time)
                    .isBetween(END.minus(Duration.ofMinutes(5)), END));
            assertThat(Duration.between(whole.from(), whole.to())).isEqualTo(history.retention());
        }
    }

    @Test
    void aWindowTooLongForTheSeriesLimitTakesACoarserStep() {
        assertThat(PrometheusWindow.stepFor(Duration.ofDays(7), Duration.ofSeconds(15))).isEqualTo(Duration.ofMinutes(2));
        assertThat(PrometheusWindow.stepFor(Duration.ofDays(31), Duration.ofSeconds(15))).isEqualTo(Duration.ofMinutes(5));
        assertThat(PrometheusWindow.stepFor(Duration.ofMinutes(2), Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));
        assertThat(PrometheusWindow.stepFor(Duration.ofHours(1), Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(PrometheusWindow.stepFor(Duration.ofDays(3650), Duration.ofSeconds(15)).toMillis() * PrometheusWindow.MAX_STEPS)
                .isGreaterThanOrEqualTo(Duration.ofDays(3650).toMillis());
    }

    private static PrometheusOptions options() {
        return PrometheusOptions.of(prometheus.url()).withTimeout(Duration.ofSeconds(30));
    }

    /// Today: node-a cordoned, its two GPUs, and `ml/train-0` of Job `train` still running on it.
    private static FleetSnapshot today() {
        NodeRecord node = new NodeRecord("node-a", Map.of(), true, true, List.of(), Map.of("nvidia.com/gpu", 2L),
                "v1.31", T0);
        List<GpuSnapshot> gpus = List.of(
                new GpuSnapshot(0, "GPU-0", "NVIDIA H100 80GB HBM3", Health.HEALTHY, MetricValues.empty(), null,
                        List.of(), List.of()),
                new GpuSnapshot(1, "GPU-1", "NVIDIA H100 80GB HBM3", Health.HEALTHY, MetricValues.empty(), null,
                        List.of(), List.of()));
        PodRecord train = new PodRecord("ml", "train-0", "node-a", "Running", new OwnerRef("Job", "train"),
                Map.of("nvidia.com/gpu", 1L));
        NodeSnapshot snapshot = new NodeSnapshot(node, gpus, List.of(train), null, null);
        Instant now = Instant.now();
        return new FleetSnapshot(1, now, List.of(new ClusterSnapshot("c",
                ConnectionStatus.of(ConnectionState.LIVE, now), List.of(snapshot))));
    }

    /// The three days as OpenMetrics, a family at a time, each series in time order.
    private static String openMetrics() {
        StringBuilder text = new StringBuilder();
        String[][] families = {{"DCGM_FI_DEV_GPU_UTIL", "util"}, {"DCGM_FI_DEV_POWER_USAGE", "power"},
            {"DCGM_FI_DEV_GPU_TEMP", "temp"}};
        for (String[] family : families) {
            text.append("# TYPE ").append(family[0]).append(" gauge\n");
            for (int gpu = 0; gpu < 2; gpu++) {
                int minutes = gpu == 0 ? 3 * 1440 : 2 * 1440 - 1;
                for (int k = 0; k <= minutes; k++) {
                    String pod = gpu == 0 && k < 2 * 1440 ? ",container=\"main\",namespace=\"ml\",pod=\"train-0\"" : "";
                    double value = switch (family[1]) {
                        case "util" -> gpu == 0 && k < 1440 ? 80 : 0;
                        case "power" -> 100;
                        default -> 40;
                    };
                    text.append(family[0]).append("{gpu=\"").append(gpu).append("\",UUID=\"GPU-").append(gpu)
                            .append("\",device=\"nvidia").append(gpu)
                            .append("\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"node-a\"").append(pod)
                            .append("} ").append(value).append(' ')
                            .append(T0.getEpochSecond() + 60L * k).append('\n');
                }
            }
        }
        return text.append("# EOF\n").toString();
    }
}
