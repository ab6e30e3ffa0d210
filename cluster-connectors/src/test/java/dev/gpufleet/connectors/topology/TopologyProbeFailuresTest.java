package dev.gpufleet.connectors.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gpufleet.core.topology.TopologyProbeException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// The probe against an API server that says no or whose node prints no matrix: the error says
/// why, and a created pod is deleted all the same.
@Timeout(30)
class TopologyProbeFailuresTest {

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"gpufleet-topo-abcde","namespace":"default"},
             "status":{"phase":"%s","containerStatuses":[{"name":"nvidia-smi","state":{"terminated":{"exitCode":%d}}}]}}""";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private KubernetesClient client;

    private record Answer(int code, String body) {
    }

    private TopologyProbe serve(Function<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, answers));
        server.start();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).withRequestRetryBackoffLimit(0)
                .build()).build();
        return new TopologyProbe("prod", client, ProbeOptions.defaults().withNamespace("ops"));
    }

    private void answer(HttpExchange exchange, Function<String, Answer> answers) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.add(request);
        exchange.getRequestBody().readAllBytes();
        Answer answer = answers.apply(request);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.body().startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(answer.code(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void forbiddenCreateNamesThePermissionAndNamespace() throws IOException {
        TopologyProbe probe = serve(request -> new Answer(403, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                 "message":"pods is forbidden: User \\"dev\\" cannot create resource \\"pods\\" in the namespace \\"ops\\""}"""));

        assertThatThrownBy(() -> probe.probe("gpu-1"))
                .isInstanceOf(TopologyProbeException.class)
                .hasMessageContaining("permission to create pods in namespace \"ops\" of prod")
                .hasMessageContaining("403 Forbidden");
        assertThat(requests).containsExactly("POST /api/v1/namespaces/ops/pods");
    }

    @Test
    void outputThatIsNoMatrixIsAParseErrorAndThePodIsDeleted() throws IOException {
        TopologyProbe probe = serve(request -> switch (request) {
            case "POST /api/v1/namespaces/ops/pods" -> new Answer(201, POD.formatted("Pending", 0));
            case "GET /api/v1/namespaces/ops/pods/gpufleet-topo-abcde" -> new Answer(200, POD.formatted("Succeeded", 0));
            case "GET /api/v1/namespaces/ops/pods/gpufleet-topo-abcde/log" -> new Answer(200,
                    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n");
            case "DELETE /api/v1/namespaces/ops/pods/gpufleet-topo-abcde" -> new Answer(200, POD.formatted("Succeeded", 0));
            default -> new Answer(404, "{}");
        });

        assertThatThrownBy(() -> probe.probe("gpu-1"))
                .isInstanceOf(TopologyProbeException.class)
                .hasMessageContaining("nvidia-smi on node gpu-1 printed something gpufleet cannot read")
                .hasMessageContaining("line 1").hasMessageContaining("couldn't communicate");
        assertThat(requests).last().isEqualTo("DELETE /api/v1/namespaces/ops/pods/gpufleet-topo-abcde");
    }

    @Test
    void aFailedContainerSaysSoWithItsFirstLogLineAndThePodIsDeleted() throws IOException {
        TopologyProbe probe = serve(request -> switch (request) {
            case "POST /api/v1/namespaces/ops/pods" -> new Answer(201, POD.formatted("Pending", 0));
            case "GET /api/v1/namespaces/ops/pods/gpufleet-topo-abcde" -> new Answer(200, POD.formatted("Failed", 127));
            case "GET /api/v1/namespaces/ops/pods/gpufleet-topo-abcde/log" -> new Answer(200,
                    "exec: \"nvidia-smi\": executable file not found in $PATH\n");
            case "DELETE /api/v1/namespaces/ops/pods/gpufleet-topo-abcde" -> new Answer(403, """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,"message":"no"}""");
            default -> new Answer(404, "{}");
        });

        assertThatThrownBy(() -> probe.probe("gpu-1"))
                .isInstanceOf(TopologyProbeException.class)
                .hasMessageContaining("nvidia-smi failed on node gpu-1 (pod Failed (exit code 127))")
                .hasMessageContaining("executable file not found")
                .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessageContaining("delete it by hand"));
        assertThat(requests).contains("DELETE /api/v1/namespaces/ops/pods/gpufleet-topo-abcde");
    }
}
