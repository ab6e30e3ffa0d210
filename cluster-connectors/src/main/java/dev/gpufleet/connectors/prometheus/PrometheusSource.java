package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.connectors.amd.GpuExpositionInterpreter;
import dev.gpufleet.connectors.dcgm.DcgmInterpreter;
import dev.gpufleet.connectors.dcgm.DcgmLabels;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/// GPU telemetry of one cluster read from a Prometheus-compatible server that scrapes its
/// dcgm-exporters.
///
/// Each round is one instant query for every configured DCGM series of the cluster
/// ([PrometheusOptions#telemetryQuery()]). The answer is split by the node label and each
/// node's series go through the same [DcgmInterpreter] as a direct scrape, so GPUs, MIG
/// instances and pod attribution come out exactly as the pod-proxy path reads them (after
/// [ExporterLabels] undoes what the scrape did to `pod`/`namespace`/`container`). Server
/// warnings (a partial answer from Thanos or Mimir) become every node's problem for the
/// round. A node the server has no series for is absent from the frame and keeps its last
/// readings.
public final class PrometheusSource implements TelemetrySource {

    private final String cluster;
    private final PrometheusOptions options;
    private final PrometheusClient client;
    private final Clock clock;

    public PrometheusSource(String cluster, PrometheusOptions options, Clock clock) throws PrometheusException {
        this.cluster = cluster;
        this.options = options;
        this.client = new PrometheusClient(options);
        this.clock = clock;
    }

    public PrometheusSource(String cluster, PrometheusOptions options) throws PrometheusException {
        this(cluster, options, Clock.systemUTC());
    }

    @Override
    public String describe() {
        return "Prometheus API at " + client.url() + " (nodes by label " + options.nodeLabel()
                + (options.selector().isEmpty() ? "" : ", series matching " + options.selector()) + ")";
    }

    @Override
    public TelemetryFrame collect() throws PrometheusException, InterruptedException {
        QueryResult<List<Sample>> answer = client.query(options.telemetryQuery());
        return frameOf(answer, clock.instant());
    }

    /// History for later backfill: `promql` from `start` to `end` at `step`.
    public QueryResult<List<RangeSeries>> queryRange(String promql, Instant start, Instant end, Duration step)
            throws PrometheusException, InterruptedException {
        return client.queryRange(promql, start, end, step);
    }

    /// The frame an instant-query answer makes; a node per node-label value, in name order.
    TelemetryFrame frameOf(QueryResult<List<Sample>> answer, Instant time) throws PrometheusException {
        Map<String, List<Sample>> byNode = new LinkedHashMap<>();
        TreeSet<String> labelsSeen = new TreeSet<>();
        int unplaced = 0;
        for (Sample sample : answer.data()) {
            String node = nodeOf(sample);
            if (node == null) {
                unplaced++;
                for (int i = 0; i < sample.labels().size(); i++) {
                    labelsSeen.add(sample.labels().name(i));
                }
                continue;
            }
            byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(
                    new Sample(sample.name(), ExporterLabels.restore(sample.labels()), sample.value(),
                            sample.timestampMillis(), sample.line()));
        }
        if (byNode.isEmpty() && unplaced > 0) {
            throw new PrometheusException(unplaced + " DCGM series from Prometheus at " + client.url()
                    + " carry no \"" + options.nodeLabel() + "\" label, so they cannot be placed on nodes (labels"
                    + " seen: " + String.join(", ", labelsSeen) + "). Set the node label to the one that holds"
                    + " the Kubernetes node name, e.g. node, kubernetes_node or instance.");
        }
        String shared = sharedProblem(answer.warnings(), unplaced);
        List<NodeTelemetry> nodes = new ArrayList<>(byNode.size());
        byNode.keySet().stream().sorted().forEach(node -> nodes.add(nodeTelemetry(node, byNode.get(node), shared)));
        return new TelemetryFrame(cluster, time, nodes);
    }

    private NodeTelemetry nodeTelemetry(String node, List<Sample> samples, @Nullable String shared) {
        Exposition exposition = new Exposition(samples, Map.of(), List.of(), 0, 0, samples.size());
        List<GpuSample> gpus = GpuExpositionInterpreter.gpuSamples(exposition, DcgmInterpreter.interpret(exposition));
        if (gpus.isEmpty()) {
            return NodeTelemetry.failed(node, "Prometheus at " + client.url() + " holds " + samples.size()
                    + " DCGM series for node " + node + " but none names a GPU (no UUID, gpu or device label)."
                    + " Check the relabelling of the dcgm-exporter scrape job.");
        }
        return new NodeTelemetry(node, gpus, shared);
    }

    private @Nullable String nodeOf(Sample sample) {
        String node = sample.labels().nonEmpty(options.nodeLabel());
        if (node == null && options.nodeLabel().equals(DcgmLabels.HOSTNAME)) {
            // Newer exporters print the lowercase form.
            node = sample.labels().nonEmpty(DcgmLabels.HOSTNAME_LOWER);
        }
        return node;
    }

    private @Nullable String sharedProblem(List<String> warnings, int unplaced) {
        List<String> parts = new ArrayList<>();
        if (!warnings.isEmpty()) {
            parts.add("Prometheus at " + client.url() + " answered with warnings, so the values may be partial: "
                    + String.join("; ", warnings) + ".");
        }
        if (unplaced > 0) {
            parts.add(unplaced + " DCGM series carry no \"" + options.nodeLabel() + "\" label and were left out;"
                    + " check the node label option and the scrape job's relabelling.");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    @Override
    public void close() {
        client.close();
    }
}
