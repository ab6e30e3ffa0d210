package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/// One node's GPU telemetry, read once and directly: its exporter pod is found among the node's
/// pods and scraped through the API server's pod proxy, as a connection's poller would, but
/// without watching or scraping the rest of the cluster. For commands about one node (drain's
/// GPU-aware preview), where connecting to a whole cluster would cost seconds.
public final class NodeTelemetryRead {

    private NodeTelemetryRead() {
    }

    /// The node's readings; a node without a reachable exporter comes back
    /// [NodeTelemetry#failed] with the reason, never as an exception.
    public static NodeTelemetry read(KubernetesClient client, String node, ConnectionOptions options)
            throws InterruptedException {
        List<Pod> pods;
        try {
            pods = client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
        } catch (KubernetesClientException failed) {
            return NodeTelemetry.failed(node, "Could not list the pods of node " + node + " (" + failed.getCode()
                    + "): " + failed.getMessage());
        }
        ExporterRegistry registry = new ExporterRegistry(options);
        pods.forEach(registry::update);
        List<ExporterPod> exporters = registry.exporters();
        if (exporters.isEmpty()) {
            return NodeTelemetry.failed(node, "No GPU exporter pod runs on node " + node + " (looked for "
                    + options.exporterScope() + ").");
        }
        ExporterScrape scrape = new ExporterScrape(client.getHttpClient(), client.getMasterUrl().toString(),
                options.exporterPort(), options.scrapeTimeout());
        return scrape.scrape(exporters.getFirst(), new ExpositionParser());
    }
}
