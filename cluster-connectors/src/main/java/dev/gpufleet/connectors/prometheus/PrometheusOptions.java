package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.connectors.amd.AmdInterpreter;
import dev.gpufleet.core.metrics.Metric;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/// Where and how to read GPU telemetry from a Prometheus-compatible server.
///
/// @param url       base URL of the query API, without `/api/v1` (e.g. `http://prometheus:9090`,
///                  or `https://mimir.example.com/prometheus` with a path prefix)
/// @param nodeLabel the label whose value is the Kubernetes node name: `Hostname` (what
///                  dcgm-exporter prints, the default; `hostname` is also tried), or one a relabel
///                  rule sets, such as `node`, `kubernetes_node` or `instance`
/// @param auth      credentials sent with each query
/// @param tls       which certificates to trust for an `https` URL
/// @param timeout   for one query, end to end (also sent as the query's own `timeout`)
/// @param metrics   the DCGM series read each round
/// @param selector  extra label matchers every query carries, e.g. `cluster="prod-eu"` where one
///                  Thanos or Mimir holds several clusters; empty for none
public record PrometheusOptions(
        URI url,
        String nodeLabel,
        PrometheusAuth auth,
        PrometheusTls tls,
        Duration timeout,
        List<String> metrics,
        String selector) {

    public static final String DEFAULT_NODE_LABEL = "Hostname";

    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    public PrometheusOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("The Prometheus URL \"" + url + "\" is not an http or https URL;"
                    + " give its base, e.g. http://prometheus.monitoring:9090.");
        }
        if (nodeLabel.isBlank()) {
            throw new IllegalArgumentException("The Prometheus node label must not be empty; the default is "
                    + DEFAULT_NODE_LABEL + ".");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The Prometheus query timeout must be positive, not " + timeout);
        }
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("At least one metric must be read from Prometheus.");
        }
        for (String metric : metrics) {
            if (!METRIC_NAME.matcher(metric).matches()) {
                throw new IllegalArgumentException("\"" + metric + "\" is not a Prometheus metric name; names are"
                        + " letters, digits, _ and :, e.g. DCGM_FI_DEV_GPU_UTIL.");
            }
        }
        selector = selector.strip();
    }

    /// `url` with the node label `Hostname`, no credentials, the JDK's trust store, 10 s per
    /// query, every DCGM field gpufleet knows and no extra selector.
    public static PrometheusOptions of(URI url) {
        return new PrometheusOptions(url, DEFAULT_NODE_LABEL, PrometheusAuth.none(), PrometheusTls.systemDefault(),
                Duration.ofSeconds(10), allMetrics(), "");
    }

    /// Every DCGM series name of the metric catalog, then every ROCm device-metrics-exporter
    /// series the AMD mapping reads, so AMD nodes of a mixed fleet arrive in the same query.
    public static List<String> allMetrics() {
        List<String> fields = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            fields.add(metric.field());
        }
        fields.addAll(AmdInterpreter.seriesNames());
        return fields;
    }

    public PrometheusOptions withNodeLabel(String label) {
        return new PrometheusOptions(url, label, auth, tls, timeout, metrics, selector);
    }

    public PrometheusOptions withAuth(PrometheusAuth newAuth) {
        return new PrometheusOptions(url, nodeLabel, newAuth, tls, timeout, metrics, selector);
    }

    public PrometheusOptions withTls(PrometheusTls newTls) {
        return new PrometheusOptions(url, nodeLabel, auth, newTls, timeout, metrics, selector);
    }

    public PrometheusOptions withTimeout(Duration newTimeout) {
        return new PrometheusOptions(url, nodeLabel, auth, tls, newTimeout, metrics, selector);
    }

    public PrometheusOptions withMetrics(List<String> newMetrics) {
        return new PrometheusOptions(url, nodeLabel, auth, tls, timeout, newMetrics, selector);
    }

    public PrometheusOptions withSelector(String newSelector) {
        return new PrometheusOptions(url, nodeLabel, auth, tls, timeout, metrics, newSelector);
    }

    /// The one instant query of a round: `{__name__=~"A|B|…",<selector>}`.
    public String telemetryQuery() {
        StringBuilder query = new StringBuilder("{__name__=~\"");
        for (int i = 0; i < metrics.size(); i++) {
            if (i > 0) {
                query.append('|');
            }
            query.append(metrics.get(i));
        }
        query.append('"');
        if (!selector.isEmpty()) {
            query.append(',').append(selector);
        }
        return query.append('}').toString();
    }
}
