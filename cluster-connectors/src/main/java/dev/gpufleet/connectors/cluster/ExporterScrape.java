package dev.gpufleet.connectors.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.connectors.amd.GpuExpositionInterpreter;
import dev.gpufleet.connectors.dcgm.DcgmInterpreter;
import dev.gpufleet.connectors.dcgm.DcgmReading;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// One scrape of one exporter through the API server's pod proxy, turned into what the node's
/// telemetry is this round: its GPUs, or a sentence saying why there are none.
final class ExporterScrape {

    private static final ObjectMapper STATUS_READER = new ObjectMapper();

    private final HttpClient http;
    private final String apiBase;
    private final int port;
    private final Duration timeout;

    /// `apiBase` is the API server URL ending in `/`.
    ExporterScrape(HttpClient http, String apiBase, int port, Duration timeout) {
        this.http = http;
        this.apiBase = apiBase.endsWith("/") ? apiBase : apiBase + "/";
        this.port = port;
        this.timeout = timeout;
    }

    /// `…/api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/metrics`
    String url(ExporterPod pod) {
        return apiBase + "api/v1/namespaces/" + encode(pod.namespace()) + "/pods/" + encode(pod.name()) + ":" + portOf(pod)
                + "/proxy/metrics";
    }

    private int portOf(ExporterPod pod) {
        return pod.port() > 0 ? pod.port() : port;
    }

    /// Never throws: every failure becomes the node's problem.
    NodeTelemetry scrape(ExporterPod pod, ExpositionParser parser) throws InterruptedException {
        String where = pod.exporter() + " " + pod + " on node " + pod.nodeName();
        HttpRequest request = http.newHttpRequestBuilder().uri(url(pod))
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, byte[].class);
        HttpResponse<byte[]> response;
        try {
            // A little past the request's own timeout, in case the client does not honour it.
            response = answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            answer.cancel(true);
            return NodeTelemetry.failed(pod.nodeName(), tooSlow(pod, where));
        } catch (ExecutionException failed) {
            if (timedOut(failed)) {
                // The client's own request timeout: the API server reached, the exporter silent.
                return NodeTelemetry.failed(pod.nodeName(), tooSlow(pod, where));
            }
            return NodeTelemetry.failed(pod.nodeName(), "Could not scrape " + where + " through the API server ("
                    + AccessProblems.rootMessage(failed) + "). Check the connection to the cluster.");
        }
        if (response.code() != 200) {
            return NodeTelemetry.failed(pod.nodeName(), problemFor(response, pod, where));
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        Exposition exposition = parser.parse(body);
        DcgmReading reading = DcgmInterpreter.interpret(exposition);
        List<GpuSample> gpus = GpuExpositionInterpreter.gpuSamples(exposition, reading);
        if (gpus.isEmpty()) {
            return NodeTelemetry.failed(pod.nodeName(), where + " answered with no GPU series (" + reading.series()
                    + " series, " + reading.errorCount() + " unreadable lines). Check that the exporter sees the"
                    + " node's GPUs: kubectl -n " + pod.namespace() + " logs " + pod.name() + ".");
        }
        return new NodeTelemetry(pod.nodeName(), gpus, reading.problem(where));
    }

    private String tooSlow(ExporterPod pod, String where) {
        return where + " did not answer within " + timeout.toSeconds() + " s. The exporter may be hung or overloaded,"
                + " or its node unreachable; check it with kubectl -n " + pod.namespace() + " logs " + pod.name() + ".";
    }

    /// Whether the request ended by a timeout of the HTTP client (the JDK's, Vert.x's or OkHttp's
    /// own exception types all say "Timeout" in their names).
    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private String problemFor(HttpResponse<byte[]> response, ExporterPod pod, String where) {
        int code = response.code();
        String said = snippet(response.body());
        return switch (code) {
            case 401 -> "The API server refused the credentials while scraping " + where
                    + " (401 Unauthorized). Log in again, then reconnect.";
            case 403 -> "The current user may not get pods/proxy in namespace " + pod.namespace()
                    + ", so the GPU telemetry of node " + pod.nodeName() + " cannot be read (403 Forbidden"
                    + said + "). Ask a cluster admin for get on pods/proxy there.";
            case 404 -> where + " was not found, or serves nothing at /metrics on port " + portOf(pod) + " (404" + said
                    + "). Check the pod (kubectl -n " + pod.namespace() + " get pod " + pod.name()
                    + ") and the exporter port in the connection options.";
            case 500 -> where + " answered 500 Internal Server Error" + said + ": the exporter itself failed"
                    + " to collect. Check its log: kubectl -n " + pod.namespace() + " logs " + pod.name() + ".";
            case 502, 503, 504 -> "The API server could not reach " + where + " (" + code + said + "). Check"
                    + " that the exporter is running and ready: kubectl -n " + pod.namespace() + " describe pod "
                    + pod.name() + ".";
            default -> "Scraping " + where + " failed (" + code + said + ").";
        };
    }

    /// What the answer said: the `message` of a Kubernetes `Status`, else its first line.
    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        if (body[0] == '{') {
            try {
                String message = STATUS_READER.readTree(body).path("message").asText("");
                if (!message.isBlank()) {
                    return ": " + message;
                }
            } catch (java.io.IOException notJson) {
                // fall through to the raw text
            }
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
