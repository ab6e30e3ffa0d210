package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/// A `prometheus.yml` that scrapes each dcgm-exporter pod of the simulator through the API
/// server's pod proxy, the way a Prometheus outside the cluster would without Kubernetes
/// service discovery: one static target per pod, all at the API server's address, told apart
/// by `__metrics_path__`. The target labels mimic what Kubernetes discovery adds (`pod`,
/// `namespace`, `kubernetes_node`) and `honor_labels` is on, as in the GPU Operator's
/// ServiceMonitor, so the source must undo the exporter pod's self-attribution.
final class ScrapeConfig {

    private ScrapeConfig() {
    }

    static Path write(Path dir, SimulatorServer sim, List<Pod> exporters) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), sim.caCertificatePem());
        Path token = Files.writeString(dir.resolve("token"), sim.token());
        String address = sim.baseUri().getHost() + ":" + sim.baseUri().getPort();
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: dcgm-exporter
                    scheme: https
                    honor_labels: true
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    tls_config:
                      ca_file: %s
                    static_configs:
                """.formatted(token, ca));
        for (Pod pod : exporters) {
            String namespace = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            yaml.append("""
                          - targets: ['%s']
                            labels:
                              __metrics_path__: /api/v1/namespaces/%s/pods/%s:9400/proxy/metrics
                              instance: %s
                              namespace: %s
                              pod: %s
                              kubernetes_node: %s
                    """.formatted(address, namespace, name, name, namespace, name, pod.getSpec().getNodeName()));
        }
        return Files.writeString(dir.resolve("prometheus.yml"), yaml);
    }
}
