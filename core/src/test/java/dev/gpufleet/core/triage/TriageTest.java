package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.TriageFixtures.NOW;
import static dev.gpufleet.core.triage.TriageFixtures.gpu;
import static dev.gpufleet.core.triage.TriageFixtures.healthy;
import static dev.gpufleet.core.triage.TriageFixtures.node;
import static dev.gpufleet.core.triage.TriageFixtures.record;
import static dev.gpufleet.core.triage.TriageFixtures.silentGpu;
import static dev.gpufleet.core.triage.TriageFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.NodeCondition;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriageTest {

    private static final TriageThresholds DEFAULTS = TriageThresholds.defaults();

    private static TriageReport triage(NodeSnapshot node, Optional<Integer> gpu) {
        return Triage.of(node, gpu, XidHistory.empty(), List.of(), DEFAULTS, NOW);
    }

    @Test
    void aHealthyNodeNeedsNothing() {
        TriageReport report = triage(node(List.of(gpu(0, healthy()), gpu(1, healthy()))), Optional.empty());
        assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(report.action()).isEqualTo(Action.NONE);
        assertThat(report.reason()).isEqualTo("Nothing calls for attention");
        assertThat(report.gpus()).extracting(TriageReport.GpuVerdict::verdict).containsOnly(Verdict.HEALTHY);
        assertThat(report.pods()).containsExactly("ml/train-0", "ml/train-1");
    }

    @Test
    void aGpuThatFellOffTheBusFailsTheNodeAndAsksForADrain() {
        NodeSnapshot node = node(List.of(gpu(0, healthy()), gpu(1, values(Metric.XID_ERRORS, 79))));
        TriageReport report = triage(node, Optional.empty());
        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(report.action()).isEqualTo(Action.DRAIN);
        assertThat(report.reason()).isEqualTo("GPU 1: Last XID: XID 79 — GPU has fallen off the bus");
        assertThat(report.evidence().getFirst().gpu()).isEqualTo(1);

        TriageReport gpu0 = triage(node, Optional.of(0));
        assertThat(gpu0.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(gpu0.gpus()).hasSize(1);
        assertThat(gpu0.pods()).containsExactly("ml/train-0");
    }

    @Test
    void missingOrStaleTelemetryIsNeverHealthy() {
        TriageReport silent = triage(node(List.of(silentGpu(0))), Optional.of(0));
        assertThat(silent.verdict()).isEqualTo(Verdict.WATCH);
        assertThat(silent.reason()).contains("No telemetry");

        TriageReport stale = triage(node(List.of(gpu(0, healthy(), NOW.minusSeconds(600)))), Optional.of(0));
        assertThat(stale.verdict()).isEqualTo(Verdict.WATCH);
        assertThat(stale.reason()).contains("stale").contains("600 s");
        assertThat(stale.evidence().getFirst().since()).isEqualTo(NOW.minusSeconds(600));
    }

    @Test
    void theXidHistoryDatesTheCurrentXidAndListsEarlierOnes() {
        XidHistory history = new XidHistory(Map.of("GPU-0", List.of(
                new XidRecord(13, NOW.minusSeconds(3600), NOW.minusSeconds(3000), 2),
                new XidRecord(48, NOW.minusSeconds(600), NOW.minusSeconds(5), 1))));
        NodeSnapshot node = node(List.of(gpu(0, values(Metric.XID_ERRORS, 48))));
        TriageReport report = Triage.of(node, Optional.of(0), history, List.of(), DEFAULTS, NOW);

        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(report.action()).isEqualTo(Action.RESET);
        Evidence current = report.evidence().getFirst();
        assertThat(current.what()).contains("XID 48");
        assertThat(current.since()).isEqualTo(NOW.minusSeconds(600));
        assertThat(current.value()).contains("1 time");
        assertThat(report.evidence()).anySatisfy(e -> {
            assertThat(e.what()).isEqualTo("Earlier XID 13 — Graphics engine exception");
            assertThat(e.source()).isEqualTo(Evidence.Source.XID_HISTORY);
            assertThat(e.value()).startsWith("2 times");
        });
        assertThat(report.xids()).extracting(x -> x.record().code()).containsExactly(13, 48);
        assertThat(report.xids().getFirst().info()).isNotNull();
    }

    @Test
    void aFailingXidThatKeepsComingBackAsksForAReplacement() {
        XidHistory history = new XidHistory(Map.of("GPU-0", List.of(
                new XidRecord(48, NOW.minusSeconds(86_400), NOW.minusSeconds(60), 3))));
        TriageReport report = Triage.of(node(List.of(gpu(0, healthy()))), Optional.of(0), history, List.of(),
                DEFAULTS, NOW);
        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(report.action()).isEqualTo(Action.REPLACE);
        assertThat(report.reason()).contains("keeps coming back");
    }

    @Test
    void anUnknownXidIsShownRaw() {
        TriageReport report = triage(node(List.of(gpu(0, values(Metric.XID_ERRORS, 999)))), Optional.of(0));
        assertThat(report.verdict()).isEqualTo(Verdict.WATCH);
        assertThat(report.reason()).contains("XID 999 (not in gpufleet's catalog)");
    }

    @Test
    void nodeConditionsAndTheCordonAreEvidence() {
        List<NodeCondition> conditions = List.of(
                new NodeCondition("Ready", "False", "KubeletNotReady", "PLEG is not healthy", NOW.minusSeconds(300)),
                new NodeCondition("MemoryPressure", "True", "KubeletHasInsufficientMemory", null, null),
                new NodeCondition("DiskPressure", "False", null, null, null));
        TriageReport report = triage(node(record(false, true, conditions), List.of(gpu(0, healthy()))),
                Optional.empty());
        assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(report.action()).isEqualTo(Action.DRAIN);
        assertThat(report.reason()).contains("not Ready");
        assertThat(report.evidence().getFirst().since()).isEqualTo(NOW.minusSeconds(300));
        assertThat(report.evidence()).extracting(Evidence::what)
                .anyMatch(w -> w.startsWith("Node condition MemoryPressure"))
                .anyMatch(w -> w.contains("cordoned"))
                .noneMatch(w -> w.contains("DiskPressure"));
        assertThat(report.cordoned()).isTrue();
        assertThat(report.conditions()).hasSize(3);
    }

    @Test
    void warningEventsWeighOnTheNodeButAreOnlyContextForOneGpu() {
        List<NodeEvent> events = List.of(
                new NodeEvent("Warning", "XidError", "NVRM: Xid (PCI:0000:1b:00): 79, GPU has fallen off the bus",
                        "kernel-monitor", 2, NOW.minusSeconds(3000), NOW.minusSeconds(1000)),
                new NodeEvent("Normal", "NodeNotSchedulable", "cordoned", "node-controller", 1, NOW, NOW));
        NodeSnapshot node = node(List.of(gpu(0, healthy())));
        TriageReport whole = Triage.of(node, Optional.empty(), XidHistory.empty(), events, DEFAULTS, NOW);
        assertThat(whole.verdict()).isEqualTo(Verdict.WATCH);
        assertThat(whole.reason()).startsWith("Event XidError");
        assertThat(whole.events()).extracting(NodeEvent::reason).containsExactly("NodeNotSchedulable", "XidError");

        TriageReport one = Triage.of(node, Optional.of(0), XidHistory.empty(), events, DEFAULTS, NOW);
        assertThat(one.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(one.events()).hasSize(2);
    }

    @Test
    void anUnknownGpuIsRefused() {
        assertThatThrownBy(() -> triage(node(List.of(gpu(0, healthy()))), Optional.of(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no GPU 5");
    }
}
