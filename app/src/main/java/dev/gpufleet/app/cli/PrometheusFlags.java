package dev.gpufleet.app.cli;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.prometheus.PrometheusAuth;
import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import dev.gpufleet.connectors.prometheus.PrometheusTls;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/// `--prometheus URL` and its companions: read GPU telemetry from a Prometheus-compatible API
/// (Prometheus, Thanos, Mimir, VictoriaMetrics) instead of scraping dcgm-exporter through the
/// API server; the inventory still comes from the kubeconfig context.
final class PrometheusFlags {

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Read GPU telemetry from this Prometheus-compatible API (base URL, e.g."
                    + " http://prometheus:9090) instead of the pod proxy.")
    @Nullable String url;

    @Option(names = "--prometheus-node-label", paramLabel = "L", defaultValue = PrometheusOptions.DEFAULT_NODE_LABEL,
            description = "The series label that holds the node name: Hostname, node, kubernetes_node, instance"
                    + " (default: ${DEFAULT-VALUE}).")
    String nodeLabel = PrometheusOptions.DEFAULT_NODE_LABEL;

    @Option(names = "--prometheus-selector", paramLabel = "MATCHERS",
            description = "Label matchers every query carries, for a Prometheus that holds several clusters,"
                    + " e.g. 'cluster=\"prod-eu\"'.")
    @Nullable String selector;

    @Option(names = "--prometheus-token-file", paramLabel = "F",
            description = "Send the bearer token in this file (read again for every query).")
    @Nullable Path tokenFile;

    @Option(names = "--prometheus-ca-file", paramLabel = "F",
            description = "Trust the CA certificates in this PEM file for an https Prometheus URL.")
    @Nullable Path caFile;

    @Option(names = "--prometheus-insecure-skip-tls-verify",
            description = "Accept any certificate from an https Prometheus (lab servers only).")
    boolean insecure;

    /// The defaults, with Prometheus telemetry when `--prometheus` was given.
    ConnectionOptions connectionOptions(String command) {
        ConnectionOptions defaults = ConnectionOptions.defaults();
        if (url == null) {
            if (tokenFile != null || caFile != null || insecure || selector != null) {
                throw new UserError(command + ": the --prometheus-* options need --prometheus URL as well.");
            }
            return defaults;
        }
        PrometheusOptions options;
        try {
            options = PrometheusOptions.of(new URI(url)).withNodeLabel(nodeLabel);
        } catch (URISyntaxException | IllegalArgumentException bad) {
            throw new UserError(command + ": --prometheus: " + bad.getMessage());
        }
        if (selector != null) {
            options = options.withSelector(selector);
        }
        if (tokenFile != null) {
            requireFile(command, "--prometheus-token-file", tokenFile);
            options = options.withAuth(new PrometheusAuth.BearerFile(tokenFile));
        }
        if (caFile != null) {
            requireFile(command, "--prometheus-ca-file", caFile);
            options = options.withTls(PrometheusTls.caFile(caFile));
        } else if (insecure) {
            options = options.withTls(PrometheusTls.insecure());
        }
        return defaults.withPrometheus(options);
    }

    private static void requireFile(String command, String option, Path file) {
        if (!Files.isReadable(file)) {
            throw new UserError(command + ": " + option + " " + file + " does not exist or cannot be read."
                    + " Check the path.");
        }
    }
}
