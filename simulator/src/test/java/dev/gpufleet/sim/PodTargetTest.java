package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/// `gpufleet sim --pods N` serves exactly N pods, mirror and debug pods included, and pages
/// them like the rest.
class PodTargetTest {

    @Test
    void servesExactlyThePodsAskedForAcrossPages() throws Exception {
        try (SimulatorServer sim = SimulatorServer.start(SimConfig.defaults().withNodes(20).withPods(400));
                SimHttp http = new SimHttp(sim)) {
            Set<String> names = new HashSet<>();
            String next = "";
            do {
                JsonNode page = http.json("/api/v1/pods?limit=150" + (next.isEmpty() ? "" : "&continue=" + next));
                for (JsonNode pod : page.path("items")) {
                    names.add(pod.path("metadata").path("namespace").asString() + "/"
                            + pod.path("metadata").path("name").asString());
                }
                next = page.path("metadata").path("continue").asString();
            } while (!next.isEmpty());

            assertThat(sim.podCount()).isEqualTo(400);
            assertThat(names).hasSize(400).anyMatch(name -> name.startsWith("kube-system/node-exporter-"));
        }
    }

    @Test
    void tooManyPodsForTheNodesIsRefusedWithTheLimit() {
        assertThatThrownBy(() -> SimulatorServer.start(SimConfig.defaults().withNodes(4).withPods(5_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }
}
