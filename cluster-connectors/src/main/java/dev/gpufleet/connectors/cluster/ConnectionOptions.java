package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// How a [ClusterConnection] talks to its cluster.
///
/// @param scrapeInterval     time between telemetry rounds
/// @param exporterNamespace  namespace of the dcgm-exporter pods, `null` for all namespaces
/// @param exporterSelector   labels the exporter pods carry
/// @param exporterPort       the exporter's metrics port
/// @param connectTimeout     to open a connection to the API server
/// @param requestTimeout     for one API request (a list page, a patch)
/// @param scrapeTimeout      for one exporter scrape through the API server's pod proxy
/// @param scrapeConcurrency  scrapes in flight at once
/// @param maxRetryDelay      longest wait between attempts to reconnect
/// @param prometheus         read telemetry from this Prometheus-compatible API instead of
///                           scraping the exporters through the pod proxy; `null` for the pod proxy
/// @param moreExporters      other exporters to scrape besides the one above, e.g. AMD's on AMD
///                           nodes; each node is scraped through one exporter
public record ConnectionOptions(
        Duration scrapeInterval,
        @Nullable String exporterNamespace,
        Map<String, String> exporterSelector,
        int exporterPort,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration scrapeTimeout,
        int scrapeConcurrency,
        Duration maxRetryDelay,
        @Nullable PrometheusOptions prometheus,
        List<ExporterSelector> moreExporters) {

    public ConnectionOptions {
        moreExporters = List.copyOf(moreExporters);
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        exporterSelector = Map.copyOf(exporterSelector);
        if (scrapeInterval.isNegative() || scrapeInterval.isZero()) {
            throw new IllegalArgumentException("the scrape interval must be positive, not " + scrapeInterval);
        }
        if (scrapeConcurrency < 1) {
            throw new IllegalArgumentException("scrape concurrency must be at least 1, not " + scrapeConcurrency);
        }
        if (exporterPort < 1 || exporterPort > 65535) {
            throw new IllegalArgumentException("the exporter port must be 1..65535, not " + exporterPort);
        }
    }

    /// Longest wait between reconnect attempts by default: short enough that a cluster is current
    /// again within 10 s of its API server recovering.
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(8);

    /// Scrape every 10 s; exporters are pods labelled `app=nvidia-dcgm-exporter` in any
    /// namespace, serving on port 9400, and the AMD GPU Operator's metrics exporter
    /// ([ExporterSelector#AMD_METRICS_EXPORTER]); 32 scrapes at once, 5 s each; reconnect attempts
    /// at most [#DEFAULT_MAX_RETRY_DELAY] apart.
    public static ConnectionOptions defaults() {
        return new ConnectionOptions(Duration.ofSeconds(10), null, Map.of("app", "nvidia-dcgm-exporter"), 9400,
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(5), 32, DEFAULT_MAX_RETRY_DELAY, null,
                List.of(ExporterSelector.AMD_METRICS_EXPORTER));
    }

    public ConnectionOptions withScrapeInterval(Duration interval) {
        return new ConnectionOptions(interval, exporterNamespace, exporterSelector, exporterPort, connectTimeout,
                requestTimeout, scrapeTimeout, scrapeConcurrency, maxRetryDelay, prometheus, moreExporters);
    }

    /// Scrape only the exporter pods `selector` names (in `namespace`, `null` for all): an
    /// explicit choice replaces the default exporters, AMD's included.
    public ConnectionOptions withExporters(@Nullable String namespace, Map<String, String> selector, int port) {
        return new ConnectionOptions(scrapeInterval, namespace, selector, port, connectTimeout, requestTimeout,
                scrapeTimeout, scrapeConcurrency, maxRetryDelay, prometheus, List.of());
    }

    /// Also scrape `exporters` (each node still through one exporter).
    public ConnectionOptions withMoreExporters(List<ExporterSelector> exporters) {
        return new ConnectionOptions(scrapeInterval, exporterNamespace, exporterSelector, exporterPort,
                connectTimeout, requestTimeout, scrapeTimeout, scrapeConcurrency, maxRetryDelay, prometheus, exporters);
    }

    /// Every exporter to scrape: dcgm-exporter (or the one set by [#withExporters]) first.
    public List<ExporterSelector> exporterSelectors() {
        List<ExporterSelector> all = new ArrayList<>(1 + moreExporters.size());
        all.add(new ExporterSelector("dcgm-exporter", exporterNamespace, exporterSelector, exporterPort));
        all.addAll(moreExporters);
        return all;
    }

    public ConnectionOptions withTimeouts(Duration connect, Duration request, Duration scrape) {
        return new ConnectionOptions(scrapeInterval, exporterNamespace, exporterSelector, exporterPort, connect,
                request, scrape, scrapeConcurrency, maxRetryDelay, prometheus, moreExporters);
    }

    public ConnectionOptions withScrapeConcurrency(int concurrency) {
        return new ConnectionOptions(scrapeInterval, exporterNamespace, exporterSelector, exporterPort,
                connectTimeout, requestTimeout, scrapeTimeout, concurrency, maxRetryDelay, prometheus, moreExporters);
    }

    public ConnectionOptions withMaxRetryDelay(Duration delay) {
        return new ConnectionOptions(scrapeInterval, exporterNamespace, exporterSelector, exporterPort,
                connectTimeout, requestTimeout, scrapeTimeout, scrapeConcurrency, delay, prometheus, moreExporters);
    }

    /// Telemetry from a Prometheus-compatible API (inventory still comes from the cluster).
    public ConnectionOptions withPrometheus(@Nullable PrometheusOptions options) {
        return new ConnectionOptions(scrapeInterval, exporterNamespace, exporterSelector, exporterPort,
                connectTimeout, requestTimeout, scrapeTimeout, scrapeConcurrency, maxRetryDelay, options, moreExporters);
    }

    /// Where exporters are looked for, for people: `pods labelled app=nvidia-dcgm-exporter in any
    /// namespace, port 9400`.
    public String exporterScope() {
        StringBuilder scope = new StringBuilder();
        for (ExporterSelector exporter : exporterSelectors()) {
            scope.append(scope.isEmpty() ? "" : "; or ").append(exporter.scope());
        }
        return scope.toString();
    }

    /// The exporter selector as a label-selector string, e.g. `app=nvidia-dcgm-exporter`.
    public String exporterSelectorText() {
        StringBuilder text = new StringBuilder();
        exporterSelector.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(label.getKey()).append('=').append(label.getValue());
        });
        return text.toString();
    }
}
