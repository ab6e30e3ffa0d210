package dev.gpufleet.views.clusters;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// Where a cluster's GPU telemetry comes from, as the person chose it: dcgm-exporter scraped
/// through the API server's pod proxy, or a Prometheus-compatible query API.
///
/// Plain data on purpose: views know no connector types, the app maps this to its options. It
/// holds file *paths* (token, CA) and never a secret itself, so it may be written to disk.
///
/// @param source    which kind of source
/// @param url       the Prometheus base URL; `null` for the pod proxy
/// @param nodeLabel the series label that holds the node name
/// @param tokenFile a file holding the bearer token, or `null`
/// @param caFile    a PEM file of CA certificates to trust, or `null`
/// @param selector  extra label matchers for every query, empty for none
public record TelemetryChoice(
        Source source,
        @Nullable String url,
        String nodeLabel,
        @Nullable String tokenFile,
        @Nullable String caFile,
        String selector) {

    /// The node label used when none is given, as in dcgm-exporter's own series.
    public static final String DEFAULT_NODE_LABEL = "Hostname";

    /// The kinds of telemetry source.
    public enum Source { POD_PROXY, PROMETHEUS }

    public TelemetryChoice {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(nodeLabel, "nodeLabel");
        Objects.requireNonNull(selector, "selector");
        if (source == Source.PROMETHEUS && (url == null || url.isBlank())) {
            throw new IllegalArgumentException("a Prometheus telemetry choice needs a URL");
        }
    }

    /// The default: dcgm-exporter through the pod proxy.
    public static TelemetryChoice podProxy() {
        return new TelemetryChoice(Source.POD_PROXY, null, DEFAULT_NODE_LABEL, null, null, "");
    }

    /// A Prometheus at `url` with the default node label and nothing else.
    public static TelemetryChoice prometheus(String url) {
        return new TelemetryChoice(Source.PROMETHEUS, url, DEFAULT_NODE_LABEL, null, null, "");
    }

    public boolean isPrometheus() {
        return source == Source.PROMETHEUS;
    }

    /// For people: `dcgm-exporter (pod proxy)` or `Prometheus http://…`.
    public String describe() {
        return isPrometheus() ? "Prometheus " + url : "dcgm-exporter (pod proxy)";
    }
}
