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
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// The AMD MI300X nodes of a mixed fleet: their Node objects as the AMD GPU Operator labels
/// them, and the ROCm device-metrics-exporter text behind the pod proxy on port 5000.
@Timeout(120)
class AmdMetricsTest {

    private static final String NAMESPACE = "kube-amd-gpu";
    private static final List<String> ALWAYS = List.of("card_model", "card_series", "card_vendor", "cluster_name",
            "container", "driver_version", "gpu_compute_partition_type", "gpu_id", "gpu_memory_partition_type",
            "gpu_partition_id", "gpu_uuid", "hostname", "job_id", "job_partition", "job_user", "namespace", "pod",
            "serial_number", "vbios_version");
    private static final List<String> AMD_NODES =
            List.of("gpu-mi300x-a-001", "gpu-mi300x-a-002", "gpu-mi300x-a-003", "gpu-mi300x-a-004");

    private static SimulatorServer sim;
    private static SimHttp http;
    private static SteppedClock clock;
    private static Map<String, String> exporterByNode;

    @BeforeAll
    static void start() throws Exception {
        clock = new SteppedClock();
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS, 4), clock);
        http = new SimHttp(sim);
        exporterByNode = new HashMap<>();
        for (JsonNode pod : http.json("/api/v1/namespaces/" + NAMESPACE
                + "/pods?labelSelector=app.kubernetes.io%2Fname%3Dmetrics-exporter").path("items")) {
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

    private static HttpResponse<String> scrape(String node, String port) throws Exception {
        return http.get("/api/v1/namespaces/" + NAMESPACE + "/pods/" + exporterByNode.get(node) + port
                + "/proxy/metrics");
    }

    private static PromText metrics(String node) throws Exception {
        HttpResponse<String> r = scrape(node, ":5000");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        PromText text = PromText.parse(r.body());
        assertThat(text.errors).as("format errors on %s", node).isEmpty();
        return text;
    }

    private static List<PromText.Sample> series(PromText text, String name) {
        return text.samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    @Test
    void amdNodesAreLabelledAndAdvertiseOneGpuPerPartition() throws Exception {
        Map<String, String> modes = new TreeMap<>();
        Map<String, String> capacity = new TreeMap<>();
        Map<String, String> allocatable = new TreeMap<>();
        for (JsonNode node : http.json("/api/v1/nodes?labelSelector=feature.node.kubernetes.io%2Famd-gpu%3Dtrue")
                .path("items")) {
            String name = node.path("metadata").path("name").asString();
            JsonNode labels = node.path("metadata").path("labels");
            assertThat(labels.path("amd.com/gpu.product-name").asString()).isEqualTo("AMD_Instinct_MI300X_OAM");
            assertThat(labels.path("amd.com/gpu.family").asString()).isEqualTo("AI");
            assertThat(labels.path("amd.com/gpu.vram").asString()).isEqualTo("192G");
            assertThat(labels.path("amd.com/gpu.device-id").asString()).isEqualTo("74a1");
            assertThat(labels.path("beta.amd.com/gpu.product-name.AMD_Instinct_MI300X_OAM").asString()).isEqualTo("8");
            assertThat(labels.has("nvidia.com/gpu.product")).isFalse();
            modes.put(name, labels.path("amd.com/compute-memory-partition").asString());
            capacity.put(name, node.path("status").path("capacity").path("amd.com/gpu").asString());
            allocatable.put(name, node.path("status").path("allocatable").path("amd.com/gpu").asString());
            assertThat(node.path("status").path("capacity").has("nvidia.com/gpu")).isFalse();
        }
        assertThat(modes).containsExactly(Map.entry("gpu-mi300x-a-001", "spx_nps1"),
                Map.entry("gpu-mi300x-a-002", "spx_nps1"), Map.entry("gpu-mi300x-a-003", "dpx_nps1"),
                Map.entry("gpu-mi300x-a-004", "cpx_nps4"));
        assertThat(capacity.values()).containsExactly("8", "8", "16", "64");
        assertThat(allocatable.values()).as("the failing card leaves the first node").containsExactly("7", "8", "16", "64");
    }

    @Test
    void everyAmdNodeHasAnExporterOnPort5000AndNoneElse() throws Exception {
        assertThat(exporterByNode.keySet()).containsExactlyInAnyOrderElementsOf(AMD_NODES);
        assertThat(exporterByNode.values()).allMatch(name -> name.matches("gpu-operator-metrics-exporter-[a-z0-9]{5}"));
        String node = AMD_NODES.getFirst();
        assertThat(scrape(node, ":exporter-port").body()).isEqualTo(scrape(node, ":5000").body());
        assertThat(scrape(node, "").statusCode()).isEqualTo(200);
        assertThat(scrape(node, ":9400").statusCode()).isEqualTo(503);
        JsonNode dcgm = http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter");
        assertThat(dcgm.path("items").size()).isEqualTo(4);
        for (JsonNode pod : dcgm.path("items")) {
            assertThat(pod.path("spec").path("nodeName").asString()).doesNotStartWith("gpu-mi300x");
        }
    }

    @Test
    void spxTextHasOneGpuPerCardWithTheExportersLabelsInOrder() throws Exception {
        PromText text = metrics("gpu-mi300x-a-002");
        List<String> families = text.samples.stream().map(PromText.Sample::name).distinct().toList();
        assertThat(families).isSorted().contains("gpu_gfx_activity", "gpu_umc_activity", "gpu_used_vram",
                "gpu_free_vram", "gpu_total_vram", "gpu_package_power", "gpu_junction_temperature",
                "gpu_memory_temperature", "gpu_hbm_temperature", "gpu_clock", "gpu_ecc_correct_total",
                "gpu_ecc_uncorrect_total", "gpu_energy_consumed", "pcie_replay_count", "gpu_nodes_total");
        assertThat(text.types.values()).containsOnly("gauge");
        List<PromText.Sample> activity = series(text, "gpu_gfx_activity");
        assertThat(activity).extracting(s -> s.labels().get("gpu_id")).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        for (PromText.Sample s : activity) {
            assertThat(List.copyOf(s.labels().keySet())).isEqualTo(ALWAYS);
            assertThat(s.labels()).containsEntry("card_series", "AMD Instinct MI300X OAM")
                    .containsEntry("gpu_compute_partition_type", "spx").containsEntry("gpu_memory_partition_type", "nps1")
                    .containsEntry("gpu_partition_id", "0").containsEntry("hostname", "gpu-mi300x-a-002");
            assertThat(s.labels().get("gpu_uuid")).matches("[0-9a-f]{2}ff74a1-0000-1000-80[0-9a-f]{2}-[0-9a-f]{12}");
            assertThat(s.labels().get("serial_number")).matches("\\d{12}");
            assertThat(s.value()).isBetween(0.0, 100.0);
        }
        assertThat(activity).extracting(s -> s.labels().get("serial_number")).doesNotHaveDuplicates();
        for (PromText.Sample s : series(text, "gpu_clock")) {
            assertThat(s.labels().keySet()).contains("clock_index", "clock_type");
            assertThat(List.copyOf(s.labels().keySet())).isSorted();
        }
        assertThat(series(text, "gpu_clock")).hasSize(8 * 10);
        assertThat(series(text, "gpu_clock")).filteredOn(s -> s.labels().get("gpu_id").equals("0"))
                .extracting(s -> s.labels().get("clock_index") + "/" + s.labels().get("clock_type"))
                .contains("0/GPU_CLOCK_TYPE_SYSTEM", "7/GPU_CLOCK_TYPE_SYSTEM", "8/GPU_CLOCK_TYPE_MEMORY")
                .doesNotHaveDuplicates();
        assertThat(series(text, "gpu_nodes_total")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(8.0));
        for (PromText.Sample s : series(text, "gpu_total_vram")) {
            assertThat(s.value()).isEqualTo(196592.0);
        }
        for (PromText.Sample s : series(text, "gpu_package_power")) {
            assertThat(s.value()).isBetween(100.0, 760.0);
        }
        for (PromText.Sample s : series(text, "gpu_junction_temperature")) {
            assertThat(s.value()).isBetween(30.0, 95.0);
        }
    }

    @Test
    void cpxCardsAreEightPartitionsSharingASerialWithCardReadingsOnPartitionZero() throws Exception {
        PromText text = metrics("gpu-mi300x-a-004");
        List<PromText.Sample> activity = series(text, "gpu_gfx_activity");
        assertThat(activity).hasSize(64);
        assertThat(activity).extracting(s -> s.labels().get("gpu_id")).doesNotHaveDuplicates()
                .allMatch(id -> Integer.parseInt(id) < 64);
        Map<String, Set<String>> partitionsBySerial = new TreeMap<>();
        for (PromText.Sample s : activity) {
            assertThat(s.labels()).containsEntry("gpu_compute_partition_type", "cpx")
                    .containsEntry("gpu_memory_partition_type", "nps4");
            partitionsBySerial.computeIfAbsent(s.labels().get("serial_number"), k -> new HashSet<>())
                    .add(s.labels().get("gpu_partition_id"));
        }
        assertThat(partitionsBySerial).hasSize(8).allSatisfy((serial, partitions) ->
                assertThat(partitions).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7"));
        assertThat(series(text, "gpu_package_power")).hasSize(8)
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("gpu_partition_id", "0"));
        Map<String, Double> vramBySerial = new TreeMap<>();
        for (PromText.Sample s : series(text, "gpu_total_vram")) {
            vramBySerial.merge(s.labels().get("serial_number"), s.value(), Double::sum);
        }
        assertThat(vramBySerial.values()).as("NPS4: each partition its share of the card")
                .hasSize(8).allSatisfy(total -> assertThat(total).isBetween(196_500.0, 196_592.0));
        assertThat(series(text, "gpu_nodes_total").getFirst().value()).isEqualTo(64.0);
    }

    @Test
    void exactlyOneAmdCardFailsWithUncorrectableEccAndIsUnhealthy() throws Exception {
        List<String> failing = new ArrayList<>();
        for (String node : AMD_NODES) {
            PromText text = metrics(node);
            for (PromText.Sample s : series(text, "gpu_ecc_uncorrect_total")) {
                if (s.value() > 0) {
                    failing.add(node + "/" + s.labels().get("serial_number"));
                    assertThat(series(text, "gpu_health")).filteredOn(h -> h.labels().get("serial_number")
                            .equals(s.labels().get("serial_number"))).allSatisfy(h -> assertThat(h.value()).isZero());
                }
            }
        }
        assertThat(failing).singleElement().asString().startsWith("gpu-mi300x-a-001/");
    }

    @Test
    void podLabelsNameAmdWorkloadsRunningOnThatNode() throws Exception {
        int attributed = 0;
        for (String node : AMD_NODES) {
            for (PromText.Sample s : series(metrics(node), "gpu_gfx_activity")) {
                String pod = s.labels().get("pod");
                if (pod.isEmpty()) {
                    assertThat(s.labels().get("namespace")).isEmpty();
                    continue;
                }
                attributed++;
                JsonNode object = http.json("/api/v1/namespaces/" + s.labels().get("namespace") + "/pods/" + pod);
                assertThat(object.path("spec").path("nodeName").asString()).isEqualTo(node);
                assertThat(object.path("spec").path("containers").get(0).path("name").asString())
                        .isEqualTo(s.labels().get("container"));
                assertThat(object.path("spec").path("containers").get(0).path("resources").path("requests")
                        .has("amd.com/gpu")).isTrue();
            }
        }
        assertThat(attributed).isGreaterThan(20);
    }

    @Test
    void theSameInstantGivesTheSameTextAndCountersGrow() throws Exception {
        String node = "gpu-mi300x-a-003";
        String first = scrape(node, ":5000").body();
        assertThat(scrape(node, ":5000").body()).isEqualTo(first);
        double energy = series(PromText.parse(first), "gpu_energy_consumed").getFirst().value();
        clock.advance(Duration.ofMinutes(5));
        double later = series(metrics(node), "gpu_energy_consumed").getFirst().value();
        assertThat(later).isGreaterThan(energy);
    }
}
