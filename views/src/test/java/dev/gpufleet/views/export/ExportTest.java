package dev.gpufleet.views.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.HeatmapFilter;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The numbers behind the heatmap as CSV, without a window.
class ExportTest {

    @TempDir
    Path dir;

    @Test
    void theHeatmapsCsvHasOneRowPerGpuTheSearchShowsAndLeavesUnreportedValuesEmpty() throws Exception {
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);
        String node = TestFleets.nodeName("prod-east", 2);

        List<List<String>> all = FleetCsv.rows(frame, HeatmapFilter.ALL);
        List<List<String>> one = FleetCsv.rows(frame, HeatmapFilter.parse(node));

        assertThat(all).hasSize(512);
        assertThat(one).hasSize(8).allSatisfy(row -> {
            assertThat(row.get(1)).isEqualTo(node);
            // This node's exporter never answered: no numbers, not zeros.
            assertThat(row.get(6)).isEmpty();
            assertThat(row.get(5)).isEqualTo("unknown");
        });
        Path file = dir.resolve("out/heatmap.csv");
        ViewExport.writeCsv(file, FleetCsv.HEADER, one);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(9);
        assertThat(lines.getFirst()).startsWith("cluster,node,gpu,uuid,model,health,utilization_percent");
    }

    @Test
    void fieldsThatNeedQuotesGetThem() {
        assertThat(ViewExport.quote("plain")).isEqualTo("plain");
        assertThat(ViewExport.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ViewExport.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(FleetCsv.number(Double.NaN)).isEmpty();
        assertThat(FleetCsv.number(42)).isEqualTo("42");
        assertThat(FleetCsv.number(0.5)).isEqualTo("0.500");
    }
}
