package dev.gpufleet.connectors.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.connectors.exposition.Labels;
import dev.gpufleet.connectors.exposition.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Reads the JSON envelope of the Prometheus HTTP API:
/// `{"status":"success"|"error","data":{"resultType":…,"result":[…]},"errorType":…,"error":…,"warnings":[…],"infos":[…]}`.
///
/// Sample values are strings (`"0"`, `"NaN"`, `"+Inf"`); times are seconds with a fraction.
final class PrometheusResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusResponses() {
    }

    /// The vector of an instant query, as exposition samples (series name plus every other label).
    static QueryResult<List<Sample>> vector(byte[] body, String where) throws PrometheusException {
        JsonNode root = successRoot(body, where);
        JsonNode result = resultOfType(root.path("data"), "vector", where);
        List<Sample> samples = new ArrayList<>(result.size());
        int position = 0;
        for (JsonNode series : result) {
            position++;
            JsonNode point = series.path("value");
            String name = series.path("metric").path("__name__").asText("");
            samples.add(new Sample(name, labelsOf(series.path("metric")), value(point.path(1), where),
                    millis(point.path(0)), position));
        }
        return new QueryResult<>(samples, warnings(root));
    }

    /// The matrix of a range query.
    static QueryResult<List<RangeSeries>> matrix(byte[] body, String where) throws PrometheusException {
        JsonNode root = successRoot(body, where);
        JsonNode result = resultOfType(root.path("data"), "matrix", where);
        List<RangeSeries> all = new ArrayList<>(result.size());
        for (JsonNode series : result) {
            JsonNode points = series.path("values");
            long[] timestamps = new long[points.size()];
            double[] values = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                timestamps[i] = millis(points.get(i).path(0));
                values[i] = value(points.get(i).path(1), where);
            }
            all.add(new RangeSeries(labelMap(series.path("metric")), timestamps, values));
        }
        return new QueryResult<>(all, warnings(root));
    }

    /// The `errorType: error` of an error envelope, or `null` when `body` is not one.
    static @Nullable String errorText(byte @Nullable [] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (!"error".equals(root.path("status").asText())) {
                return null;
            }
            String type = root.path("errorType").asText("");
            String error = root.path("error").asText("");
            return type.isEmpty() ? error : type + ": " + error;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static JsonNode envelope(byte[] body, String where) throws PrometheusException {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw notTheApi(where, null);
            }
            return root;
        } catch (IOException notJson) {
            throw notTheApi(where, notJson);
        }
    }

    private static JsonNode successRoot(byte[] body, String where) throws PrometheusException {
        JsonNode root = envelope(body, where);
        String status = root.path("status").asText("");
        if ("error".equals(status)) {
            throw new PrometheusException(where + " refused the query (" + errorText(body) + "). Check the query"
                    + " and the label selector.");
        }
        if (!"success".equals(status)) {
            throw notTheApi(where, null);
        }
        return root;
    }

    private static JsonNode resultOfType(JsonNode data, String expected, String where) throws PrometheusException {
        String type = data.path("resultType").asText("");
        if (!expected.equals(type)) {
            throw new PrometheusException(where + " answered with a \"" + type + "\" result where a \"" + expected
                    + "\" was expected. The server may not be Prometheus-compatible.");
        }
        JsonNode result = data.path("result");
        return result.isArray() ? result : JSON.createArrayNode();
    }

    private static PrometheusException notTheApi(String where, @Nullable Throwable cause) {
        String message = where + " did not answer with Prometheus API JSON. Check that the URL is the base of a"
                + " Prometheus-compatible query API (e.g. http://prometheus:9090, or with a path prefix such as"
                + " /prometheus for Mimir), not a web page or proxy login.";
        return cause == null ? new PrometheusException(message) : new PrometheusException(message, cause);
    }

    private static List<String> warnings(JsonNode root) {
        List<String> found = new ArrayList<>();
        for (String field : new String[] {"warnings", "infos"}) {
            for (JsonNode warning : root.path(field)) {
                found.add(warning.asText());
            }
        }
        return found;
    }

    /// Every label but `__name__`, in the server's order.
    private static Labels labelsOf(JsonNode metric) {
        List<String> pairs = new ArrayList<>(metric.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!"__name__".equals(label.getKey())) {
                pairs.add(label.getKey());
                pairs.add(label.getValue().asText());
            }
        }
        return Labels.of(pairs.toArray(String[]::new));
    }

    private static Map<String, String> labelMap(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }

    private static long millis(JsonNode seconds) {
        return Math.round(seconds.asDouble() * 1000.0);
    }

    private static double value(JsonNode text, String where) throws PrometheusException {
        String value = text.asText("");
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException notANumber) {
                    throw new PrometheusException(where + " answered with the sample value \"" + value
                            + "\", which is not a number. The server may not be Prometheus-compatible.");
                }
            }
        };
    }
}
