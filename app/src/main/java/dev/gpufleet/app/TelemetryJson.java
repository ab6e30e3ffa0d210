package dev.gpufleet.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// A [TelemetryChoice] as JSON in `contexts.json`:
/// `{"source": "prometheus", "url": …, "nodeLabel": …, "tokenFile": …, "caFile": …, "selector": …}`.
final class TelemetryJson {

    private TelemetryJson() {
    }

    static ObjectNode write(TelemetryChoice choice) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("source", choice.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (choice.isPrometheus()) {
            node.put("url", choice.url());
            node.put("nodeLabel", choice.nodeLabel());
            putIfPresent(node, "tokenFile", choice.tokenFile());
            putIfPresent(node, "caFile", choice.caFile());
            if (!choice.selector().isEmpty()) {
                node.put("selector", choice.selector());
            }
        }
        return node;
    }

    /// Reads one context's choice; throws [IllegalArgumentException] naming what is wrong.
    static TelemetryChoice read(JsonNode node, String context) {
        String source = text(node, "source");
        if ("pod-proxy".equals(source)) {
            return TelemetryChoice.podProxy();
        }
        if (!"prometheus".equals(source)) {
            throw new IllegalArgumentException("context " + context + " has telemetry source \"" + source
                    + "\"; expected pod-proxy or prometheus");
        }
        String url = text(node, "url");
        if (url == null) {
            throw new IllegalArgumentException("context " + context + " uses Prometheus but gives no url");
        }
        String label = text(node, "nodeLabel");
        String selector = text(node, "selector");
        return new TelemetryChoice(TelemetryChoice.Source.PROMETHEUS, url,
                label == null ? TelemetryChoice.DEFAULT_NODE_LABEL : label, text(node, "tokenFile"),
                text(node, "caFile"), selector == null ? "" : selector);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
