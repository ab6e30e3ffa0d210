package dev.gpufleet.app;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.prometheus.PrometheusAuth;
import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import dev.gpufleet.connectors.prometheus.PrometheusTls;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/// Turns each context's remembered [TelemetryChoice] into the [ConnectionOptions] its
/// connection opens with: the session's own options, with Prometheus telemetry where chosen.
///
/// The demo fleet and contexts without a choice keep the session's options unchanged.
final class TelemetryRouting {

    private final ContextSettings settings;

    TelemetryRouting(ContextSettings settings) {
        this.settings = settings;
    }

    /// The options for `context`, given the session's `base` options.
    ConnectionOptions optionsFor(String context, ConnectionOptions base) {
        if (FleetSession.DEMO.equals(context)) {
            return base;
        }
        TelemetryChoice choice = settings.telemetry(context);
        return choice.isPrometheus() ? base.withPrometheus(prometheus(choice)) : base;
    }

    /// The connector's options for a Prometheus choice; an invalid choice (a hand-edited file)
    /// throws [IllegalArgumentException] with a message for people.
    static PrometheusOptions prometheus(TelemetryChoice choice) {
        PrometheusOptions options = PrometheusOptions.of(URI.create(Objects.requireNonNull(choice.url())))
                .withNodeLabel(choice.nodeLabel());
        if (!choice.selector().isEmpty()) {
            options = options.withSelector(choice.selector());
        }
        if (choice.tokenFile() != null) {
            options = options.withAuth(new PrometheusAuth.BearerFile(Path.of(choice.tokenFile())));
        }
        if (choice.caFile() != null) {
            options = options.withTls(PrometheusTls.caFile(Path.of(choice.caFile())));
        }
        return options;
    }
}
