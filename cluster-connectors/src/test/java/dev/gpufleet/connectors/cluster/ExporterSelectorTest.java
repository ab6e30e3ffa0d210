package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExporterSelectorTest {

    private static Pod running(String namespace, String name, String node, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .endMetadata().withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running").endStatus().build();
    }

    @Test
    void defaultsFindNvidiaAndAmdExportersEachOnItsPort() {
        ExporterRegistry registry = new ExporterRegistry(ConnectionOptions.defaults());

        ExporterPod nvidia = registry.match(running("gpu-operator", "nvidia-dcgm-exporter-x7k2p", "gpu-h100-001",
                Map.of("app", "nvidia-dcgm-exporter")));
        ExporterPod amd = registry.match(running("kube-amd-gpu", "default-metrics-exporter-vvvkm", "gpu-mi300x-001",
                Map.of("app.kubernetes.io/name", "metrics-exporter")));

        assertThat(nvidia).isNotNull();
        assertThat(nvidia.port()).isEqualTo(9400);
        assertThat(amd).isNotNull();
        assertThat(amd.port()).isEqualTo(5000);
        assertThat(registry.match(running("default", "web", "cpu-001", Map.of("app", "web")))).isNull();
    }

    @Test
    void anExplicitSelectorReplacesTheDefaults() {
        ConnectionOptions options = ConnectionOptions.defaults()
                .withExporters("monitoring", Map.of("app", "dcgm"), 9500);
        ExporterRegistry registry = new ExporterRegistry(options);

        assertThat(options.exporterSelectors()).hasSize(1);
        assertThat(registry.match(running("kube-amd-gpu", "default-metrics-exporter-vvvkm", "n1",
                Map.of("app.kubernetes.io/name", "metrics-exporter")))).isNull();
        assertThat(options.exporterScope()).isEqualTo("pods labelled app=dcgm in namespace monitoring, port 9500");
    }

    @Test
    void scopeNamesEveryExporterForPeople() {
        assertThat(ConnectionOptions.defaults().exporterScope()).isEqualTo(
                "pods labelled app=nvidia-dcgm-exporter in any namespace, port 9400; or pods labelled"
                        + " app.kubernetes.io/name=metrics-exporter in any namespace, port 5000");
    }
}
