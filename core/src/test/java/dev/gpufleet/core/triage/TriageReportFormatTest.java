package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.TriageFixtures.NOW;
import static dev.gpufleet.core.triage.TriageFixtures.gpu;
import static dev.gpufleet.core.triage.TriageFixtures.healthy;
import static dev.gpufleet.core.triage.TriageFixtures.node;
import static dev.gpufleet.core.triage.TriageFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.core.metrics.Metric;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriageReportFormatTest {

    private static TriageReport report() {
        XidHistory history = new XidHistory(Map.of("GPU-1", List.of(
                new XidRecord(79, NOW.minusSeconds(120), NOW.minusSeconds(5), 1),
                new XidRecord(999, NOW.minusSeconds(900), NOW.minusSeconds(800), 1))));
        List<NodeEvent> events = List.of(new NodeEvent("Warning", "XidError", "Xid 79 | fell off", "kernel-monitor", 1,
                NOW.minusSeconds(100), NOW.minusSeconds(100)));
        return Triage.of(node(List.of(gpu(0, healthy()), gpu(1, values(Metric.XID_ERRORS, 79)))), Optional.empty(),
                history, events, TriageThresholds.defaults(), NOW);
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        JsonNode root = new ObjectMapper().readTree(TriageJson.write(report()));
        assertThat(root.get("node").asText()).isEqualTo("gpu-node-1");
        assertThat(root.get("gpu").isNull()).isTrue();
        assertThat(root.get("verdict").asText()).isEqualTo("failing");
        assertThat(root.get("action").asText()).isEqualTo("drain");
        assertThat(root.get("reason").asText()).contains("XID 79");
        JsonNode first = root.at("/evidence/0");
        assertThat(first.get("severity").asText()).isEqualTo("failing");
        assertThat(first.get("gpu").asInt()).isEqualTo(1);
        assertThat(first.get("source").asText()).isEqualTo("telemetry");
        assertThat(first.get("since").asText()).isEqualTo(NOW.minusSeconds(120).toString());
        assertThat(root.get("gpus")).hasSize(2);
        assertThat(root.at("/gpus/1/verdict").asText()).isEqualTo("failing");
        JsonNode xid79 = root.at("/xids/0");
        assertThat(xid79.get("code").asInt()).isEqualTo(79);
        assertThat(xid79.get("known").asBoolean()).isTrue();
        assertThat(xid79.get("meaning").asText()).contains("PCIe");
        assertThat(xid79.get("recommended").asText()).isEqualTo("drain");
        assertThat(xid79.get("count").asInt()).isEqualTo(1);
        JsonNode unknown = root.at("/xids/1");
        assertThat(unknown.get("known").asBoolean()).isFalse();
        assertThat(unknown.get("meaning").isNull()).isTrue();
        assertThat(unknown.get("description").asText()).isEqualTo("XID 999 (not in gpufleet's catalog)");
        assertThat(root.at("/nodeState/cordoned").asBoolean()).isFalse();
        assertThat(root.at("/nodeState/conditions/0/type").asText()).isEqualTo("Ready");
        assertThat(root.at("/events/0/reason").asText()).isEqualTo("XidError");
        assertThat(root.get("pods").toString()).contains("ml/train-1");
    }

    @Test
    void markdownCarriesVerdictEvidenceAndHistory() {
        String md = TriageMarkdown.write(report());
        assertThat(md).startsWith("# Triage: gpu-node-1\n");
        assertThat(md).contains("**Verdict: FAILING** — GPU 1: Last XID: XID 79 — GPU has fallen off the bus");
        assertThat(md).contains("**Recommended action: drain**");
        assertThat(md).contains("## Evidence", "## GPUs", "## XID history", "## Node conditions", "## Recent events",
                "## Pods affected");
        assertThat(md).contains("| XID 999 (not in gpufleet's catalog) |");
        assertThat(md).contains("Xid 79 \\| fell off").doesNotContain("Xid 79 | fell off");
        assertThat(md).contains("- ml/train-1");
    }
}
