package dev.gpufleet.connectors.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.Link;
import dev.gpufleet.core.topology.LinkKind;
import dev.gpufleet.core.topology.TopologyOrigin;
import dev.gpufleet.core.topology.TopologyProbeException;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// The probe against the simulated API server: a real pod lifecycle over HTTPS.
@Timeout(60)
class TopologyProbeTest {

    private static SimulatorServer sim;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(SimConfig.defaults().withNodes(16));
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(sim.kubeconfigYaml(SimulatorServer.DEFAULT_CONTEXT))).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static long probePods() {
        return client.pods().inAnyNamespace().withLabel(ProbePod.LABEL_NAME, ProbePod.NAME).list().getItems().size();
    }

    @Test
    void probesAnH100NodeParsesNv18AndDeletesThePod() throws Exception {
        TopologyProbe probe = new TopologyProbe("sim", client, ProbeOptions.defaults());

        GpuTopology topology = probe.probe("gpu-h100-a-001");

        assertThat(topology.origin()).isEqualTo(TopologyOrigin.PROBED);
        assertThat(topology.gpuCount()).isEqualTo(8);
        assertThat(topology.link(0, 5)).isEqualTo(Link.nvlink(18, true));
        assertThat(topology.affinity(6).numaNodes()).isEqualTo("1");
        assertThat(probePods()).isZero();
        assertThat(probe.cached("gpu-h100-a-001")).containsSame(topology);
        assertThat(probe.probe("gpu-h100-a-001")).isSameAs(topology);
    }

    @Test
    void probesAnL40sNodeAsPcie() throws Exception {
        String node = client.nodes().withLabel("nvidia.com/gpu.product", "NVIDIA-L40S").list().getItems()
                .getFirst().getMetadata().getName();

        GpuTopology topology = new TopologyProbe("sim", client, ProbeOptions.defaults()).probe(node);

        assertThat(topology.link(0, 1).kind()).isEqualTo(LinkKind.NODE);
        assertThat(topology.link(0, 7).kind()).isEqualTo(LinkKind.SYS);
        assertThat(topology.hasNvSwitch()).isFalse();
    }

    @Test
    void aPodThatNeverStartsTimesOutAndIsDeleted() {
        TopologyProbe probe = new TopologyProbe("sim", client, ProbeOptions.defaults().withTimeout(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> probe.probe("gpu-missing-001"))
                .isInstanceOf(TopologyProbeException.class)
                .hasMessageContaining("did not finish within 1 s").hasMessageContaining("Pending");
        assertThat(probePods()).isZero();
        assertThat(probe.cached("gpu-missing-001")).isEmpty();
    }
}
