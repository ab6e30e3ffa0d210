package dev.gpufleet.connectors.exposition;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/// Deterministic dcgm-exporter text shaped like the real captures: per node, ~40 `DCGM_FI_*`
/// families each with `# HELP`/`# TYPE` and one line per GPU carrying the labels
/// dcgm-exporter 3.x/4.x prints (`gpu`, `UUID`, `pci_bus_id`, `device`, `modelName`,
/// `Hostname`, `DCGM_FI_DRIVER_VERSION`, and pod attribution on busy GPUs). The fleet is
/// scraped again and again, with new values, until the text reaches the requested size —
/// what a file of many successive scrapes (or a parser kept across scrapes) sees.
public final class SyntheticScrape {

    private static final String[] FAMILIES = {
        "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_GPU_TEMP",
        "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
        "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL", "DCGM_FI_DEV_DEC_UTIL",
        "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_RESERVED",
        "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_SBE_AGG_TOTAL",
        "DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "DCGM_FI_DEV_RETIRED_SBE", "DCGM_FI_DEV_RETIRED_DBE",
        "DCGM_FI_DEV_RETIRED_PENDING", "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS",
        "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_ROW_REMAP_FAILURE",
        "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_VGPU_LICENSE_STATUS", "DCGM_FI_DEV_POWER_VIOLATION",
        "DCGM_FI_DEV_THERMAL_VIOLATION", "DCGM_FI_DEV_SYNC_BOOST_VIOLATION", "DCGM_FI_DEV_BOARD_LIMIT_VIOLATION",
        "DCGM_FI_DEV_LOW_UTIL_VIOLATION", "DCGM_FI_DEV_RELIABILITY_VIOLATION", "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS",
        "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_SM_ACTIVE", "DCGM_FI_PROF_SM_OCCUPANCY",
        "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE", "DCGM_FI_PROF_PCIE_TX_BYTES",
        "DCGM_FI_PROF_PCIE_RX_BYTES",
    };

    private SyntheticScrape() {
    }

    /// Scrapes of `nodes` nodes with `gpusPerNode` GPUs each until at least `minBytes` long.
    public static byte[] fleet(int nodes, int gpusPerNode, int minBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[][] labels = labelBlocks(nodes, gpusPerNode, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream(minBytes + (1 << 20));
        StringBuilder scrape = new StringBuilder(1 << 16);
        while (out.size() < minBytes) {
            for (String[] node : labels) {
                scrape.setLength(0);
                appendNode(scrape, node, random);
                out.writeBytes(scrape.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static void appendNode(StringBuilder text, String[] gpus, SplittableRandom random) {
        for (int f = 0; f < FAMILIES.length; f++) {
            String family = FAMILIES[f];
            text.append("# HELP ").append(family).append(" Field ").append(family.substring(8).toLowerCase(Locale.ROOT))
                    .append(" (in units).\n# TYPE ").append(family).append(f % 5 == 1 ? " counter\n" : " gauge\n");
            for (String gpu : gpus) {
                text.append(family).append(gpu).append(' ');
                appendValue(text, f, random);
                text.append('\n');
            }
        }
    }

    private static void appendValue(StringBuilder text, int family, SplittableRandom random) {
        switch (family % 4) {
            case 0 -> text.append(random.nextInt(2000));
            case 1 -> text.append(random.nextLong(1L << 40));
            case 2 -> text.append(random.nextInt(100_000) / 1000.0);
            // dcgm-exporter prints ratios and watts with six decimals, e.g. 0.873512 or 68.347000.
            default -> text.append(String.format(Locale.ROOT, "%.6f", random.nextInt(1_000_000) / 1e4));
        }
    }

    private static String[][] labelBlocks(int nodes, int gpusPerNode, SplittableRandom random) {
        String[][] blocks = new String[nodes][gpusPerNode];
        for (int n = 0; n < nodes; n++) {
            String host = String.format(Locale.ROOT, "ip-10-%d-%d-%d.ec2.internal", n / 250, n % 250, random.nextInt(250));
            for (int g = 0; g < gpusPerNode; g++) {
                String uuid = String.format(Locale.ROOT, "GPU-%08x-%04x-%04x-%04x-%012x", random.nextInt(),
                        random.nextInt(1 << 16), random.nextInt(1 << 16), random.nextInt(1 << 16),
                        random.nextLong(1L << 48));
                StringBuilder block = new StringBuilder(320);
                block.append("{gpu=\"").append(g).append("\",UUID=\"").append(uuid)
                        .append("\",pci_bus_id=\"00000000:").append(String.format(Locale.ROOT, "%02X", 0x18 + 0x11 * g))
                        .append(":00.0\",device=\"nvidia").append(g)
                        .append("\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"").append(host)
                        .append("\",DCGM_FI_DRIVER_VERSION=\"580.105.08\"");
                if (g % 3 != 2) {
                    block.append(",container=\"main\",namespace=\"team-").append(n % 7)
                            .append("\",pod=\"trainer-").append(n).append('-').append(g).append("-x7k2q\",pod_uid=\"\"");
                }
                blocks[n][g] = block.append('}').toString();
            }
        }
        return blocks;
    }
}
