package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// The dcgm-exporter text behind the pod proxy, read the way a Prometheus scraper would.
@Timeout(120)
class DcgmMetricsTest {

    private static final List<String> DEVICE_LABELS =
            List.of("gpu", "UUID", "pci_bus_id", "device", "modelName");
    private static final List<String> NODE_LABELS = List.of("Hostname", "DCGM_FI_DRIVER_VERSION");
    private static final List<String> MIG_LABELS = List.of("GPU_I_PROFILE", "GPU_I_ID");
    private static final List<String> POD_LABELS = List.of("container", "namespace", "pod");

    private static SimulatorServer sim;
    private static SimHttp http;
    private static SteppedClock clock;
    private static Map<String, String> exporterByNode;

    @BeforeAll
    static void start() throws Exception {
        clock = new SteppedClock();
        sim = SimulatorServer.start(SimConfig.defaults(), clock);
        http = new SimHttp(sim);
        exporterByNode = new HashMap<>();
        for (JsonNode pod : http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter")
                .path("items")) {
            exporterByNode.put(pod.path("spec").path("nodeName").asString(), pod.path("metadata").path("name").asString());
        }
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static HttpResponse<String> scrape(String node, String portSuffix) throws Exception {
        return http.get("/api/v1/namespaces/gpu-operator/pods/" + exporterByNode.get(node) + portSuffix
                + "/proxy/metrics");
    }

    private static PromText metrics(String node) throws Exception {
        HttpResponse<String> r = scrape(node, ":9400");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        PromText text = PromText.parse(r.body());
        assertThat(text.errors).as("format errors on %s", node).isEmpty();
        return text;
    }

    @Test
    void everyNodeHasAnExporterAndEveryScrapeIsValidText() throws Exception {
        assertThat(exporterByNode).hasSize(64);
        for (String node : exporterByNode.keySet()) {
            PromText text = metrics(node);
            assertThat(text.samples).isNotEmpty().allSatisfy(s -> assertThat(s.labels()).containsEntry("Hostname", node));
            assertThat(text.types).containsEntry("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter")
                    .containsEntry("DCGM_FI_DEV_GPU_TEMP", "gauge");
            assertThat(text.helps).isEqualTo(text.types.keySet());
        }
    }

    @Test
    void answersWithTheExportersContentType() throws Exception {
        HttpResponse<String> r = scrape("gpu-h100-a-001", ":9400");

        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).startsWith("# HELP DCGM_FI_DEV_SM_CLOCK SM clock frequency (in MHz).\n"
                + "# TYPE DCGM_FI_DEV_SM_CLOCK gauge\nDCGM_FI_DEV_SM_CLOCK{gpu=\"0\",UUID=\"GPU-");
    }

    @Test
    void portNameAndBarePodNameReachTheExporterToo() throws Exception {
        assertThat(scrape("gpu-h100-a-001", ":metrics").statusCode()).isEqualTo(200);
        assertThat(scrape("gpu-h100-a-001", "").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/gpu-operator/pods/https:" + exporterByNode.get("gpu-h100-a-001")
                + ":9400/proxy/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void labelsComeInTheExportersOrder() throws Exception {
        for (String node : List.of("gpu-h100-a-001", "gpu-h100-b-001", "gpu-a100-b-001", "gpu-l40s-a-001")) {
            for (PromText.Sample s : metrics(node).samples) {
                List<String> expected = new ArrayList<>(DEVICE_LABELS);
                if (s.labels().containsKey("GPU_I_PROFILE")) {
                    expected.addAll(MIG_LABELS);
                }
                expected.addAll(NODE_LABELS);
                if (s.labels().containsKey("pod")) {
                    expected.addAll(POD_LABELS);
                }
                assertThat(new ArrayList<>(s.labels().keySet())).as(s.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void migGpusHaveOneSeriesPerInstanceAndNoGpuUtil() throws Exception {
        PromText text = metrics("gpu-a100-b-001");
        Set<String> migUuids = new HashSet<>();
        Map<String, Set<String>> instancesByUuid = new HashMap<>();
        for (PromText.Sample s : text.samples("DCGM_FI_DEV_GPU_TEMP")) {
            if (s.labels().containsKey("GPU_I_ID")) {
                migUuids.add(s.labels().get("UUID"));
                instancesByUuid.computeIfAbsent(s.labels().get("UUID"), k -> new HashSet<>()).add(s.labels().get("GPU_I_ID"));
            }
        }

        assertThat(migUuids).hasSize(8);
        assertThat(instancesByUuid.values()).allSatisfy(ids -> assertThat(ids).hasSize(7));
        assertThat(text.samples("DCGM_FI_DEV_GPU_UTIL")).isEmpty();
        assertThat(text.samples("DCGM_FI_DEV_MEM_COPY_UTIL")).isEmpty();
        assertThat(text.samples("DCGM_FI_PROF_GR_ENGINE_ACTIVE")).hasSize(56);
        assertThat(text.samples("DCGM_FI_DEV_FB_USED")).hasSize(56)
                .allSatisfy(s -> assertThat(s.value()).isLessThanOrEqualTo(9728));
    }

    @Test
    void mixedNodesCombineMigInstancesAndWholeGpus() throws Exception {
        PromText text = metrics("gpu-h100-b-001");
        List<PromText.Sample> util = text.samples("DCGM_FI_DEV_GPU_UTIL");
        List<PromText.Sample> temp = text.samples("DCGM_FI_DEV_GPU_TEMP");

        assertThat(util).isNotEmpty().noneSatisfy(s -> assertThat(s.labels()).containsKey("GPU_I_ID"));
        assertThat(temp).anySatisfy(s -> assertThat(s.labels()).containsKey("GPU_I_ID"));
        assertThat(temp.size()).isGreaterThan(8);
    }

    @Test
    void countersGrowAndGaugesMoveAsTimePasses() throws Exception {
        Map<String, Double> before = byUuid(metrics("gpu-h100-a-002"), "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION");
        Map<String, Double> utilBefore = byUuid(metrics("gpu-h100-a-002"), "DCGM_FI_PROF_GR_ENGINE_ACTIVE");
        clock.advance(Duration.ofSeconds(90));
        Map<String, Double> after = byUuid(metrics("gpu-h100-a-002"), "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION");
        Map<String, Double> utilAfter = byUuid(metrics("gpu-h100-a-002"), "DCGM_FI_PROF_GR_ENGINE_ACTIVE");

        assertThat(after).hasSameSizeAs(before);
        before.forEach((uuid, value) -> assertThat(after.get(uuid)).isGreaterThan(value + 90 * 30 * 1000));
        assertThat(utilAfter).isNotEqualTo(utilBefore);
    }

    @Test
    void theFleetHasXidEccAndThermalFaults() throws Exception {
        Set<Integer> xids = new HashSet<>();
        double hottest = 0;
        double dbe = 0;
        for (String node : exporterByNode.keySet()) {
            PromText text = metrics(node);
            text.samples("DCGM_FI_DEV_XID_ERRORS").forEach(s -> xids.add((int) s.value()));
            hottest = Math.max(hottest, text.samples("DCGM_FI_DEV_GPU_TEMP").stream()
                    .mapToDouble(PromText.Sample::value).max().orElse(0));
            dbe += text.samples("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL").stream().mapToDouble(PromText.Sample::value).sum();
        }

        assertThat(xids).contains(0, 79, 48, 13);
        assertThat(hottest).isGreaterThanOrEqualTo(88);
        assertThat(dbe).isPositive();
    }

    @Test
    void proxyToMissingPodIsNotFoundAndToOtherPodsUnavailable() throws Exception {
        HttpResponse<String> missing = http.get("/api/v1/namespaces/gpu-operator/pods/nvidia-dcgm-exporter-zzzzz:9400/proxy/metrics");
        String kubeProxy = http.json("/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-proxy&limit=1")
                .path("items").get(0).path("metadata").path("name").asString();
        HttpResponse<String> notExporter = http.get("/api/v1/namespaces/kube-system/pods/" + kubeProxy + ":9400/proxy/metrics");
        HttpResponse<String> wrongPath = http.get("/api/v1/namespaces/gpu-operator/pods/"
                + exporterByNode.get("gpu-h100-a-001") + ":9400/proxy/healthz");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(SimHttp.JSON.readTree(missing.body()).path("reason").asString()).isEqualTo("NotFound");
        assertThat(notExporter.statusCode()).isEqualTo(503);
        assertThat(notExporter.body()).contains("connection refused");
        assertThat(wrongPath.statusCode()).isEqualTo(404);
        assertThat(wrongPath.body()).isEqualTo("404 page not found\n");
    }

    private static Map<String, Double> byUuid(PromText text, String metric) {
        Map<String, Double> values = new HashMap<>();
        text.samples(metric).forEach(s -> values.put(s.labels().get("UUID") + "/" + s.labels().get("GPU_I_ID"), s.value()));
        return values;
    }
}
