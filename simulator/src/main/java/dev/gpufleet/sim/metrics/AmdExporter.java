package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.AmdPartitionMode;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.Workload;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/// The `/metrics` text of the AMD device-metrics-exporter pod on one MI300X node, generated at
/// scrape time as the exporter (a Go program on the Prometheus client) writes it:
///
/// - families sorted by name, each with `# HELP` and `# TYPE` (all gauges), lowercase series
///   names (`gpu_gfx_activity`, `gpu_used_vram`, `gpu_package_power`, …);
/// - on every series the labels the exporter always sets, sorted by name as the client sorts
///   them: `card_model`, `card_series`, `card_vendor`, `cluster_name`, `container`,
///   `driver_version`, `gpu_compute_partition_type`, `gpu_id`, `gpu_memory_partition_type`,
///   `gpu_partition_id`, `gpu_uuid`, `hostname`, `job_id`, `job_partition`, `job_user`,
///   `namespace`, `pod`, `serial_number`, `vbios_version`; pod attribution is empty for a free
///   GPU; `gpu_clock` adds `clock_index`/`clock_type`, `gpu_hbm_temperature` `hbm_index`;
/// - numbers as Go's `strconv.FormatFloat(v, 'g', -1, 64)`: `97`, `196592`, `1.2345678e+12`;
/// - a partitioned card (DPX, QPX, CPX) is one GPU per compute partition: `gpu_id` counts
///   partitions over the node, `gpu_partition_id` numbers them on their card, all share the
///   card's `serial_number`; card-wide readings (power, temperatures, clocks, ECC, energy,
///   PCIe) are on partition 0 only, as amd-smi reports them.
public final class AmdExporter {

    /// The content type the exporter answers with.
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String CARD_MODEL = "102-G30211-0C";
    private static final String VBIOS = "022.040.003.043.000001";

    private final Fleet fleet;
    private final AmdSampler sampler;
    private final IntPredicate podExists;
    private final IntFunction<String[]> podLabels;

    /// @param podExists  whether pod `index` still exists (evicted pods no longer hold GPUs)
    /// @param podLabels  `{container, namespace, pod}` of pod `index`
    public AmdExporter(Fleet fleet, IntPredicate podExists, IntFunction<String[]> podLabels) {
        this.fleet = fleet;
        this.sampler = new AmdSampler(fleet);
        this.podExists = podExists;
        this.podLabels = podLabels;
    }

    /// The scrape of AMD `node` at `elapsedSeconds` into the simulation.
    public String scrape(int node, double elapsedSeconds) {
        AmdPartitionMode mode = Objects.requireNonNull(fleet.amdPartitionMode(node), "not an AMD node");
        GaugeFamilies out = new GaugeFamilies();
        Map<String, String> nodeLabels = new TreeMap<>();
        nodeLabels.put("hostname", fleet.nodeName(node));
        out.add("gpu_nodes_total", nodeLabels, fleet.gpusPerNode() * mode.partitions());
        for (int g = 0; g < fleet.gpusPerNode(); g++) {
            int partitions = mode.partitions();
            @Nullable Workload[] workloads = new Workload[partitions];
            String[][] pods = new String[partitions][];
            for (int p = 0; p < partitions; p++) {
                int pod = fleet.podOnSlot(node, g, mode.partitioned() ? p : -1);
                if (pod != Fleet.NO_POD && podExists.test(pod)) {
                    workloads[p] = fleet.workload(fleet.pods().workload(pod));
                    pods[p] = podLabels.apply(pod);
                }
            }
            AmdSampler.Card card = sampler.sample(node, g, mode, workloads, elapsedSeconds);
            for (int p = 0; p < partitions; p++) {
                Map<String, String> labels = labels(node, g, p, mode, pods[p]);
                partitionSeries(out, labels, card, p);
                if (p == 0) {
                    cardSeries(out, labels, card);
                }
            }
        }
        return out.render();
    }

    private Map<String, String> labels(int node, int gpu, int partition, AmdPartitionMode mode,
            String @Nullable [] pod) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("card_model", CARD_MODEL);
        labels.put("card_series", fleet.pool(node).model().productName());
        labels.put("card_vendor", "AMD");
        labels.put("cluster_name", "");
        labels.put("container", pod == null ? "" : pod[0]);
        labels.put("driver_version", fleet.pool(node).driverVersion());
        labels.put("gpu_compute_partition_type", mode.computeType());
        labels.put("gpu_id", Integer.toString(gpu * mode.partitions() + partition));
        labels.put("gpu_memory_partition_type", mode.memoryType());
        labels.put("gpu_partition_id", Integer.toString(partition));
        labels.put("gpu_uuid", uuid(node, gpu, partition));
        labels.put("hostname", fleet.nodeName(node));
        labels.put("job_id", "");
        labels.put("job_partition", "");
        labels.put("job_user", "");
        labels.put("namespace", pod == null ? "" : pod[1]);
        labels.put("pod", pod == null ? "" : pod[2]);
        labels.put("serial_number", serial(node, gpu));
        labels.put("vbios_version", VBIOS);
        return labels;
    }

    private static void partitionSeries(GaugeFamilies out, Map<String, String> labels, AmdSampler.Card card, int p) {
        out.add("gpu_gfx_activity", labels, card.activity[p]);
        out.add("gpu_umc_activity", labels, card.memoryActivity[p]);
        out.add("gpu_used_vram", labels, card.usedVramMb[p]);
        out.add("gpu_free_vram", labels, Math.max(0, card.totalVramMb[p] - card.usedVramMb[p]));
        out.add("gpu_total_vram", labels, card.totalVramMb[p]);
        out.add("gpu_health", labels, card.healthy ? 1 : 0);
    }

    private static void cardSeries(GaugeFamilies out, Map<String, String> labels, AmdSampler.Card card) {
        out.add("gpu_package_power", labels, card.power);
        out.add("gpu_power_usage", labels, card.power);
        out.add("gpu_average_package_power", labels, card.averagePower);
        // The MI300 has no edge sensor; the exporter prints 0.
        out.add("gpu_edge_temperature", labels, 0);
        out.add("gpu_junction_temperature", labels, card.junctionTemp);
        out.add("gpu_memory_temperature", labels, card.memoryTemp);
        for (int h = 0; h < AmdSampler.HBM_STACKS; h++) {
            out.add("gpu_hbm_temperature", with(labels, "hbm_index", Integer.toString(h), null, null),
                    card.hbmTemps[h]);
        }
        for (int x = 0; x < AmdSampler.XCDS; x++) {
            out.add("gpu_clock", with(labels, "clock_index", Integer.toString(x), "clock_type",
                    "GPU_CLOCK_TYPE_SYSTEM"), card.systemClocks[x]);
        }
        // clock_index numbers all of a card's clocks: the XCDs' first, then memory, then SoC.
        out.add("gpu_clock", with(labels, "clock_index", Integer.toString(AmdSampler.XCDS), "clock_type",
                "GPU_CLOCK_TYPE_MEMORY"), card.memoryClock);
        out.add("gpu_clock", with(labels, "clock_index", Integer.toString(AmdSampler.XCDS + 1), "clock_type",
                "GPU_CLOCK_TYPE_SOC"), card.socClock);
        out.add("gpu_ecc_correct_total", labels, card.eccCorrectable);
        out.add("gpu_ecc_uncorrect_total", labels, card.eccUncorrectable);
        out.add("gpu_energy_consumed", labels, card.energyMicrojoules);
        out.add("pcie_replay_count", labels, card.pcieReplays);
    }

    private static Map<String, String> with(Map<String, String> labels, String k1, String v1, @Nullable String k2,
            @Nullable String v2) {
        Map<String, String> more = new TreeMap<>(labels);
        more.put(k1, v1);
        if (k2 != null && v2 != null) {
            more.put(k2, v2);
        }
        return more;
    }

    /// The card's UUID as amd-smi prints it (`<partition byte>ff74a1-0000-1000-80xx-<12 hex>`):
    /// partitions of one card differ in the first byte.
    private String uuid(int node, int gpu, int partition) {
        long global = (long) node * fleet.gpusPerNode() + gpu;
        long h = Hash.of(fleet.seed(), Hash.salt("amd-uuid"), global);
        String tail = String.format(Locale.ROOT, "%014x", h >>> 8);
        int first = (int) ((h & 0xF0) + partition) & 0xFF;
        return String.format(Locale.ROOT, "%02xff74a1-0000-1000-80%s-%s", first, tail.substring(0, 2),
                tail.substring(2, 14));
    }

    /// The card's 12-digit serial number, shared by all its partitions.
    private String serial(int node, int gpu) {
        // A per-node base and the card's index: no two cards of a node share one.
        int base = Hash.below(Hash.of(fleet.seed(), Hash.salt("amd-serial"), node), 1_000_000 / 16);
        return "692409" + String.format(Locale.ROOT, "%06d", base * 16 + gpu);
    }
}
