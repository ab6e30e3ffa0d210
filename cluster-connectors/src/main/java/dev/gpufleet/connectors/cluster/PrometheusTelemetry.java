package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.prometheus.PrometheusException;
import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import dev.gpufleet.connectors.prometheus.PrometheusSource;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/// A connection's telemetry read from a Prometheus-compatible API instead of the pod proxy.
///
/// Its failures arrive as [ClusterAccessException]s that already speak of Prometheus, so the
/// poller does not mistake a refused Prometheus connection for an unreachable API server. The
/// source is built on the first round, so a bad CA file shows up as the connection's problem
/// rather than as a failure to open it.
final class PrometheusTelemetry implements TelemetrySource {

    private final String cluster;
    private final PrometheusOptions options;
    private final Clock clock;
    private @Nullable PrometheusSource source;

    PrometheusTelemetry(String cluster, PrometheusOptions options, Clock clock) {
        this.cluster = cluster;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "Prometheus API at " + options.url() + " (nodes by label " + options.nodeLabel() + ")";
    }

    @Override
    public TelemetryFrame collect() throws ClusterAccessException, InterruptedException {
        try {
            if (source == null) {
                source = new PrometheusSource(cluster, options, clock);
            }
            TelemetryFrame frame = source.collect();
            if (frame.nodes().isEmpty()) {
                throw new ClusterAccessException(ConnectionState.DEGRADED, "Prometheus at " + options.url()
                        + " holds no DCGM series" + (options.selector().isEmpty() ? "" : " matching "
                        + options.selector()) + " for context \"" + cluster + "\". Check that it scrapes this"
                        + " cluster's dcgm-exporter pods, and that the URL points at the right Prometheus.");
            }
            return frame;
        } catch (PrometheusException failed) {
            throw new ClusterAccessException(ConnectionState.DEGRADED, failed.getMessage(), failed);
        }
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
    }
}
