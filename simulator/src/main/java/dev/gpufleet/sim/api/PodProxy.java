package dev.gpufleet.sim.api;

import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.faults.ExporterFaults;
import dev.gpufleet.sim.metrics.AmdExporter;
import dev.gpufleet.sim.metrics.DcgmExporter;
import dev.gpufleet.sim.objects.ContainerSpecs;
import dev.gpufleet.sim.store.ApiException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.Map;

/// The API server's pod proxy, `GET /api/v1/namespaces/{ns}/pods/{pod}[:{port}]/proxy/{path}`.
///
/// Only the exporter pods listen: dcgm-exporter's on 9400 (`{pod}:9400`, `{pod}:metrics`, the
/// port's name, `https:{pod}:9400`) and the AMD device-metrics-exporter's on 5000
/// (`{pod}:5000`, `{pod}:exporter-port`); `{pod}` alone (unlike the real proxy, which would
/// dial port 80, a missing port means the pod's first declared port) reaches them too. Like the real
/// proxy, a missing pod is a 404
/// `Status`; a pod or port where nothing listens is a 503 `Status` saying the connection was
/// refused; a path the exporter does not serve is its own plain-text `404 page not found`.
/// A node whose exporter was switched to a fault ([ExporterFaults]) answers 500, hangs, or
/// answers half its text.
final class PodProxy {

    private final SimulatedCluster cluster;

    PodProxy(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    void handle(ApiRequest request, String namespace, String target, String path) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw new ApiException(405, "MethodNotAllowed", "the simulated exporter only answers GET");
        }
        String[] parts = target.split(":");
        String name = parts.length == 3 ? parts[1] : parts[0];
        String port = parts.length == 3 ? parts[2] : parts.length == 2 ? parts[1] : "";
        Pod pod = cluster.pods().require(namespace, name);
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (podIp == null) {
            throw new ApiException(503, "ServiceUnavailable", "pod " + namespace + "/" + name + " has no IP address yet");
        }
        int portNumber = resolvePort(pod, port);
        Map<String, String> labels = pod.getMetadata().getLabels();
        boolean dcgm = labels != null && "nvidia-dcgm-exporter".equals(labels.get("app"))
                && portNumber == ContainerSpecs.DCGM_EXPORTER_PORT;
        boolean amd = labels != null && "metrics-exporter".equals(labels.get("app.kubernetes.io/name"))
                && portNumber == ContainerSpecs.AMD_EXPORTER_PORT;
        if (!dcgm && !amd) {
            throw new ApiException(503, "ServiceUnavailable", "error trying to reach service: dial tcp " + podIp + ":"
                    + portNumber + ": connect: connection refused");
        }
        if (!path.equals("metrics")) {
            Responses.text(request.exchange(), 404, "text/plain; charset=utf-8", "404 page not found\n");
            return;
        }
        serveMetrics(request, amd, cluster.fleet().nodeIndex(pod.getSpec().getNodeName()));
    }

    /// The node's exporter text, or what its switched-on fault makes of it.
    private void serveMetrics(ApiRequest request, boolean amd, int node) throws IOException {
        ExporterFaults.Fault fault = cluster.exporterFaults().faultOf(node);
        if (fault == ExporterFaults.Fault.ERROR_500) {
            Responses.text(request.exchange(), 500, "text/plain; charset=utf-8",
                    "Internal Server Error: failed to collect GPU metrics (simulated exporter fault)\n");
            return;
        }
        if (fault == ExporterFaults.Fault.TIMEOUT && hangs(node)) {
            Responses.text(request.exchange(), 504, "text/plain; charset=utf-8",
                    "the simulated exporter did not answer (simulated exporter fault)\n");
            return;
        }
        double elapsed = cluster.clock().elapsedSeconds();
        String contentType = amd ? AmdExporter.CONTENT_TYPE : DcgmExporter.CONTENT_TYPE;
        String text = amd ? cluster.amdExporter().scrape(node, elapsed) : cluster.exporter().scrape(node, elapsed);
        if (fault == ExporterFaults.Fault.TRUNCATED) {
            // Half of it, cut off mid-line: a connection lost while the body was being written.
            text = text.substring(0, text.length() / 2);
        }
        Responses.text(request.exchange(), 200, contentType, text);
    }

    /// Holds the request while the node's exporter hangs; true when it still hangs after the wait.
    private boolean hangs(int node) throws IOException {
        try {
            return cluster.exporterFaults().awaitHang(node);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the simulated exporter hung", stop);
        }
    }

    private static int resolvePort(Pod pod, String port) {
        if (port.isEmpty()) {
            // The real proxy would dial port 80; the simulator takes the pod's first declared
            // port, so `{pod}/proxy/metrics` reaches the exporter too.
            return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                    .map(ContainerPort::getContainerPort).findFirst().orElse(80);
        }
        if (port.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(port);
        }
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts()) {
                if (port.equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        throw new ApiException(503, "ServiceUnavailable", "no port named \"" + port + "\" on pod "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    }
}
