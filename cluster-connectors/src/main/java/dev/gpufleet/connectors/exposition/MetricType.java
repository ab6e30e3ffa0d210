package dev.gpufleet.connectors.exposition;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// The metric types a `# TYPE` line may declare.
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    SUMMARY,
    UNTYPED;

    /// The type a `# TYPE` line names, or `null` for a word the format does not define.
    static @Nullable MetricType parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "histogram" -> HISTOGRAM;
            case "summary" -> SUMMARY;
            case "untyped", "unknown" -> UNTYPED;
            default -> null;
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
