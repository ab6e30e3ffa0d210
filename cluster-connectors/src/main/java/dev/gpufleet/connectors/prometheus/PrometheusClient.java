package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.connectors.exposition.Sample;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/// The two calls of the Prometheus HTTP API that gpufleet makes, `/api/v1/query` and
/// `/api/v1/query_range`, with the options' credentials, TLS and timeout.
///
/// Queries go as form-encoded POSTs, which Prometheus, Thanos, Mimir and VictoriaMetrics all
/// accept, so a long `__name__` alternation never meets a proxy's URL-length limit. Every
/// failure becomes a [PrometheusException] whose message names the URL and what to do.
public final class PrometheusClient implements AutoCloseable {

    private final PrometheusOptions options;
    private final HttpClient http;
    private final String base;

    public PrometheusClient(PrometheusOptions options) throws PrometheusException {
        this.options = options;
        String url = options.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        if ("https".equalsIgnoreCase(options.url().getScheme())) {
            builder.sslContext(options.tls().sslContext());
        }
        this.http = builder.build();
    }

    /// The base URL, for messages.
    public String url() {
        return base;
    }

    /// An instant query evaluated at the server's now.
    public QueryResult<List<Sample>> query(String promql) throws PrometheusException, InterruptedException {
        String endpoint = base + "/api/v1/query";
        byte[] body = post(endpoint, form("query", promql, "timeout", apiSeconds(options.timeout())), promql);
        return PrometheusResponses.vector(body, "Prometheus at " + endpoint);
    }

    /// A range query from `start` to `end` (inclusive) at `step` resolution.
    public QueryResult<List<RangeSeries>> queryRange(String promql, Instant start, Instant end, Duration step)
            throws PrometheusException, InterruptedException {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the step of a range query must be positive, not " + step);
        }
        String endpoint = base + "/api/v1/query_range";
        byte[] body = post(endpoint, form("query", promql, "start", epochSeconds(start), "end", epochSeconds(end),
                "step", apiSeconds(step), "timeout", apiSeconds(options.timeout())), promql);
        return PrometheusResponses.matrix(body, "Prometheus at " + endpoint);
    }

    private byte[] post(String endpoint, String form, String promql) throws PrometheusException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(options.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        options.auth().header().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException failed) {
            throw unreachable(endpoint, failed);
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(endpoint, response, promql);
        }
        return response.body();
    }

    private PrometheusException unreachable(String endpoint, IOException failed) {
        String what = "Prometheus at " + endpoint;
        Throwable root = rootCause(failed);
        String message;
        if (failed instanceof HttpConnectTimeoutException) {
            message = "Could not connect to " + what + " within " + seconds(options.timeout()) + ". Check the URL"
                    + " and that a firewall or VPN lets you reach it.";
        } else if (failed instanceof HttpTimeoutException) {
            message = what + " did not answer within " + seconds(options.timeout()) + ". It may be overloaded or"
                    + " the query too large: raise the timeout, or narrow the query with a selector.";
        } else if (failed instanceof ConnectException || root instanceof ConnectException) {
            message = "Could not connect to " + what + ": the connection was refused, so nothing listens there."
                    + " Check the URL and port and that Prometheus is running.";
        } else if (root instanceof UnknownHostException) {
            message = "Could not connect to " + what + ": the host name " + URI.create(endpoint).getHost()
                    + " is unknown. Check the URL, or your DNS and VPN.";
        } else if (root instanceof SSLException || failed instanceof SSLException) {
            message = "The TLS handshake with " + what + " failed (" + root.getMessage() + "). Give the CA that"
                    + " signed its certificate (a CA file), or, for a lab server only, skip verification.";
        } else {
            message = "Could not query " + what + " (" + describe(root) + "). Check the URL and the network.";
        }
        return new PrometheusException(message, failed);
    }

    private PrometheusException refused(String endpoint, HttpResponse<byte[]> response, String promql) {
        int code = response.statusCode();
        String what = "Prometheus at " + endpoint;
        String said = PrometheusResponses.errorText(response.body());
        String detail = said != null ? said : firstLine(response.body());
        String paren = " (" + code + (detail.isEmpty() ? "" : ": " + detail) + ")";
        String message = switch (code) {
            case 400, 422 -> what + " rejected the query " + shortened(promql) + paren + ". Check the query and the label"
                    + " selector in the Prometheus options.";
            case 401 -> what + " refused the credentials sent " + options.auth().describe() + paren + ". Give a"
                    + " valid token or user and password.";
            case 403 -> what + " does not allow queries " + options.auth().describe() + paren + ". Ask its"
                    + " operator for read access.";
            case 404 -> what + " was not found" + paren + ". Give the base URL of the query API, without"
                    + " /api/v1 (e.g. http://prometheus:9090, or with a path prefix such as /prometheus for Mimir).";
            case 503 -> what + " is unavailable" + paren + ". It may be starting, replaying its write-ahead log or"
                    + " overloaded; gpufleet keeps retrying.";
            default -> what + " failed to answer the query" + paren + ". Check the server's logs.";
        };
        return new PrometheusException(message);
    }

    private static String form(String... namesAndValues) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /// For people: `5 s`, `1.5 s`.
    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.3f s", duration.toMillis() / 1000.0);
    }

    /// For the API: plain (fractional) seconds, the one duration form every implementation parses.
    private static String apiSeconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    /// The query as messages quote it; the round's query names dozens of series.
    private static String shortened(String promql) {
        return promql.length() <= 120 ? promql : promql.substring(0, 117) + "...";
    }

    private static String epochSeconds(Instant time) {
        return String.format(Locale.ROOT, "%d.%03d", time.getEpochSecond(), time.getNano() / 1_000_000);
    }

    private static String firstLine(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        return newline >= 0 ? text.substring(0, newline) : text;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        http.close();
    }
}
