package dev.gpufleet.connectors.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.connectors.kube.ServerPushback;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/// Plain JSON requests through the client's own HTTP stack (its credentials, TLS and proxy),
/// for the calls whose answer the typed DSL hides: an Eviction's 429 names the blocking
/// PodDisruptionBudget only in its body, which `evict()` reduces to `false`.
final class KubeRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String apiBase;
    private final Duration timeout;

    KubeRequests(KubernetesClient client, Duration timeout) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.apiBase = master.endsWith("/") ? master : master + "/";
        this.timeout = timeout;
    }

    /// An answer: status code, body text and the `Retry-After` header (`null` when none).
    record Answer(int code, String body, @Nullable String retryAfterHeader) {

        Answer(int code, String body) {
            this(code, body, null);
        }

        boolean ok() {
            return code / 100 == 2;
        }

        /// The wait the server asked for, zero when none.
        Duration retryAfter() {
            Duration asked = ServerPushback.parse(retryAfterHeader);
            return asked == null ? Duration.ZERO : asked;
        }

        /// Whether a 429 is an eviction refused by a PodDisruptionBudget (a `Status` whose
        /// causes include `DisruptionBudget`), not throttling by API Priority and Fairness
        /// (plain text, `Retry-After` and `X-Kubernetes-PF-*` headers), which passes on retry.
        boolean budgetRefusal() {
            if (code != 429) {
                return false;
            }
            try {
                JsonNode status = JSON.readTree(body);
                for (JsonNode cause : status.path("details").path("causes")) {
                    if ("DisruptionBudget".equals(cause.path("reason").asText(""))) {
                        return true;
                    }
                }
                return status.path("message").asText("").toLowerCase(java.util.Locale.ROOT).contains("disruption budget");
            } catch (IOException notJson) {
                return false;
            }
        }

        /// The `message` of a Kubernetes Status body, with its causes; else the body's first line.
        String message() {
            try {
                JsonNode status = JSON.readTree(body);
                StringBuilder text = new StringBuilder(status.path("message").asText(""));
                for (JsonNode cause : status.path("details").path("causes")) {
                    String said = cause.path("message").asText("");
                    if (!said.isEmpty()) {
                        String glue = text.isEmpty() ? "" : text.toString().endsWith(".") ? " " : ": ";
                        text.append(glue).append(said);
                    }
                }
                if (!text.isEmpty()) {
                    return text.toString();
                }
            } catch (IOException notJson) {
                // fall through to the raw text
            }
            String line = body.strip();
            int newline = line.indexOf('\n');
            return newline < 0 ? line : line.substring(0, newline);
        }
    }

    Answer post(String path, String json) throws ActionException, InterruptedException {
        HttpRequest request = http.newHttpRequestBuilder().uri(apiBase + path)
                .header("Accept", "application/json")
                .post("application/json", json)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        return send(request, path);
    }

    private Answer send(HttpRequest request, String path) throws ActionException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, String.class);
        try {
            HttpResponse<String> response = answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Answer(response.code(), response.body() == null ? "" : response.body(),
                    response.header("Retry-After"));
        } catch (TimeoutException slow) {
            answer.cancel(true);
            throw new ActionException(0, "The API server did not answer " + path + " within " + timeout.toSeconds()
                    + " s. Check the connection to the cluster and try again.");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            throw new ActionException("Could not reach the API server for " + path + " (" + cause.getMessage()
                    + "). Check the connection to the cluster and try again.", cause);
        } catch (InterruptedException stop) {
            answer.cancel(true);
            throw stop;
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
