package dev.gpufleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeAgentsTest {

    @Test
    void agentDaemonSetsFillTheFleetUpToThePodCountAskedFor() {
        Fleet plain = FleetPlanner.plan(100, 0, 8, 42);
        Fleet filled = FleetPlanner.plan(100, 0, 8, 42, 2_000);

        assertThat(filled.pods().size()).isEqualTo(2_000);
        // The GPU workloads are the very same: agents only come after them.
        for (int p = 0; p < plain.pods().size(); p++) {
            assertThat(filled.pods().workload(p)).isEqualTo(plain.pods().workload(p));
            assertThat(filled.pods().node(p)).isEqualTo(plain.pods().node(p));
        }
        Set<String> agents = new HashSet<>();
        for (int p = plain.pods().size(); p < filled.pods().size(); p++) {
            Workload w = filled.workload(filled.pods().workload(p));
            assertThat(w.kind()).isEqualTo(WorkloadKind.DAEMON);
            assertThat(w.gpusPerPod()).isZero();
            assertThat(filled.pods().node(p)).isBetween(0, 99);
            agents.add(w.name());
        }
        assertThat(agents).contains("node-exporter", "fluent-bit");
    }

    @Test
    void theLastAgentRunsOnTheFirstNodesOnlySoTheCountIsExact() {
        Fleet plain = FleetPlanner.plan(10, 0, 8, 42);
        Fleet filled = FleetPlanner.plan(10, 0, 8, 42, plain.pods().size() + 13);

        Workload last = filled.workload(filled.pods().workload(filled.pods().size() - 1));
        assertThat(filled.pods().size()).isEqualTo(plain.pods().size() + 13);
        assertThat(last.replicas()).isEqualTo(3);
        assertThat(filled.pods().node(filled.pods().size() - 1)).isEqualTo(2);
    }

    @Test
    void aTargetBelowTheFleetsOwnPodsAddsNothing() {
        assertThat(FleetPlanner.plan(10, 0, 8, 42, 1).pods().size())
                .isEqualTo(FleetPlanner.plan(10, 0, 8, 42).pods().size());
    }

    @Test
    void aTargetBeyondTheAgentsSaysHowManyFit() {
        assertThatThrownBy(() -> FleetPlanner.plan(10, 0, 8, 42, 10_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pods: 10000").hasMessageContaining("at most");
    }
}
