package dev.gpufleet.connectors.exposition;

import org.jspecify.annotations.Nullable;

/// What `# HELP` and `# TYPE` lines said about a metric name.
///
/// These lines are kept as the text gave them: real exporters print HELP/TYPE for families
/// that have no samples, and some print them for a different name than the samples below.
public record MetricFamily(String name, @Nullable String help, MetricType type) {

    MetricFamily withHelp(String newHelp) {
        return new MetricFamily(name, newHelp, type);
    }

    MetricFamily withType(MetricType newType) {
        return new MetricFamily(name, help, newType);
    }
}
