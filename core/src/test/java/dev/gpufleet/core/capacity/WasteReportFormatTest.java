package dev.gpufleet.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/// The CSV, JSON and Markdown forms of a report over the hand-checked fleet.
class WasteReportFormatTest {

    private static final PodRecord BIG = Fleets.pod("ml", "pretrain-0", null, "Pending",
            new OwnerRef("Job", "pretrain"), Map.of("nvidia.com/gpu", 8L));

    private static WasteReport report() {
        WasteLedger ledger = new WasteLedger(new WasteSettings(5, Duration.ofSeconds(60), Duration.ofHours(2)),
                GpuPrices.defaults());
        ledger.accept(WasteLedgerTest.fleet(Fleets.T0, 0, List.of(BIG)));
        ledger.accept(WasteLedgerTest.fleet(Fleets.T0.plusSeconds(3600), 3.6e9, List.of(BIG)));
        return ledger.report();
    }

    private static String render(BiConsumer<WasteReport, PrintWriter> writer) {
        StringWriter text = new StringWriter();
        writer.accept(report(), new PrintWriter(text));
        return text.toString();
    }

    @Test
    void csvHasOneRowPerScopeKeyAndCategoryAndTheFleetsRowsSumToItsHours() {
        List<String> lines = render(WasteReportCsv::write).lines().toList();

        assertThat(lines.getFirst()).isEqualTo("scope,key,category,gpu_hours,cost_usd,energy_kwh");
        WasteReport report = report();
        int rows = report.rows().size() + report.trend().size();
        assertThat(lines).hasSize(1 + rows * WasteCategory.count());
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(6));
        double fleetHours = lines.stream().filter(line -> line.startsWith("fleet,all,"))
                .mapToDouble(line -> Double.parseDouble(line.split(",")[3])).sum();
        assertThat(fleetHours).isCloseTo(9, within(1e-5));
        assertThat(lines).contains("fleet,all,idle_allocated,1.000000,3.000000,0.100000");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("workload,c1/ml/Deployment/train,used,0.800000,"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("hour,2026-11-26T03:00:00Z,"));
    }

    @Test
    void csvQuotesKeysThatNeedIt() {
        assertThat(WasteReportCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(WasteReportCsv.quote("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
        assertThat(WasteReportCsv.quote("plain")).isEqualTo("plain");
    }

    @Test
    void jsonCarriesTheFleetRowsTrendWastersAndPending() throws Exception {
        JsonNode root = new ObjectMapper().readTree(render(WasteReportJson::write));

        assertThat(root.get("windowSeconds").asDouble()).isEqualTo(3600);
        assertThat(root.at("/settings/idleBelowPercent").asDouble()).isEqualTo(5);
        assertThat(root.at("/fleet/totalHours").asDouble()).isCloseTo(9, within(1e-9));
        assertThat(root.at("/fleet/hours/stranded").asDouble()).isCloseTo(1 + 4.0 / 7, within(1e-9));
        assertThat(root.at("/prices/H100").asDouble()).isEqualTo(3.0);
        assertThat(root.get("rows").get(0).get("scope").asText()).isEqualTo("fleet");
        JsonNode scopes = root.get("rows");
        assertThat(scopes.findValuesAsText("scope")).contains("cluster", "pool", "node", "namespace", "workload");
        assertThat(root.at("/topWasters/0/key").asText()).isEqualTo("c1/lab/StatefulSet/notebook");
        assertThat(root.at("/pending/0/name").asText()).isEqualTo("pretrain-0");
        assertThat(root.at("/pending/0/requests/nvidia.com~1gpu").asLong()).isEqualTo(8);
        assertThat(root.at("/pending/0/reason").asText()).startsWith("0/4 nodes are available: 3 Insufficient nvidia.com/gpu, 1 node(s) were unschedulable.");
        assertThat(root.get("trend")).hasSize(1);
        assertThat(root.get("notes").get(0).asText()).contains("tolerations");
    }

    @Test
    void markdownHasTheFleetTableWastersPendingAndNotes() {
        String md = render(WasteReportMarkdown::write);

        assertThat(md).startsWith("# GPU waste report");
        assertThat(md).contains("Idle means under 5% activity.");
        assertThat(md).contains("| idle_allocated | 1.000 | 11.1% | 3.00 |");
        assertThat(md).contains("| **total** | 9.000 | 100% |");
        assertThat(md).contains("## Top wasters").contains("| c1/lab/StatefulSet/notebook |");
        assertThat(md).contains("| c1 | ml/pretrain-0 | Job/pretrain | 8 nvidia.com/gpu | 0/4 nodes are available: 3 Insufficient nvidia.com/gpu");
        assertThat(md).contains("## Nodes with the most stranded GPU-hours");
        assertThat(Arrays.stream(md.split("\n")).filter(line -> line.startsWith("## ")).count()).isEqualTo(8);
    }

    @Test
    void aCategoryTheSourceCannotTellIsPrintedAsNotKnownNeverAsZero() throws Exception {
        WasteLedger ledger = new WasteLedger(new WasteSettings(5, Duration.ofSeconds(60), Duration.ofHours(2)),
                GpuPrices.defaults());
        ledger.accept(WasteLedgerTest.fleet(Fleets.T0, 0, List.of()));
        ledger.accept(WasteLedgerTest.fleet(Fleets.T0.plusSeconds(3600), 3.6e9, List.of()));
        ledger.notKnown(WasteCategory.STRANDED, "Stranded is not known for the past.");
        WasteReport report = ledger.report();
        StringWriter csv = new StringWriter();
        StringWriter md = new StringWriter();
        StringWriter json = new StringWriter();
        WasteReportCsv.write(report, new PrintWriter(csv));
        WasteReportMarkdown.write(report, new PrintWriter(md));
        WasteReportJson.write(report, new PrintWriter(json));

        assertThat(report.known(WasteCategory.STRANDED)).isFalse();
        assertThat(report.known(WasteCategory.FREE)).isTrue();
        assertThat(csv.toString().lines()).contains("fleet,all,stranded,,,")
                .anySatisfy(line -> assertThat(line).startsWith("fleet,all,free,1."));
        assertThat(md.toString()).contains("| stranded | not known | - | - | - |", "| n/k |",
                "- Stranded is not known for the past.");
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertThat(root.at("/fleet/hours/stranded").isNull()).isTrue();
        assertThat(root.at("/rows/0/costUsd/stranded").isNull()).isTrue();
        assertThat(root.at("/fleet/hours/free").asDouble()).isPositive();
        assertThat(root.get("notKnown").toString()).isEqualTo("[\"stranded\"]");
    }
}
