package dev.gpufleet.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/// The interconnect a node has by its board, known from the GPU product (GPU Feature
/// Discovery's `nvidia.com/gpu.product`, e.g. `NVIDIA-H100-80GB-HBM3`) and the GPU count, for
/// nodes nobody has probed yet. Results are [TopologyOrigin#KNOWN_BOARD] and say so.
///
/// - HGX A100 8-GPU (SXM4): every pair `NV12` through NVSwitch; 4-GPU: `NV4` direct.
/// - HGX H100 / H200 8-GPU (SXM5, `HBM3`/`HBM3e`): every pair `NV18` through NVSwitch.
/// - PCIe cards (L40S, L40, L4, A10, A10G, A40, T4, A100/H100 PCIe): no NVLink; GPUs in the
///   first half on one CPU socket, the rest on the other — `NODE` within a socket, `SYS` across.
///   That split is the common two-socket server, assumed, not read.
///
/// CPU lists are never invented: they stay unknown until a probe reads them. An unknown
/// product gives no topology at all.
public final class KnownBoards {

    private KnownBoards() {
    }

    /// The known topology of a node with `gpuCount` GPUs of `product`, or empty when the
    /// product or that count on it is not known.
    public static Optional<GpuTopology> lookup(String product, int gpuCount) {
        if (gpuCount <= 0) {
            return Optional.empty();
        }
        String p = product.toUpperCase(Locale.ROOT).replace(' ', '-');
        int mig = p.indexOf("-MIG-");
        if (mig >= 0) {
            p = p.substring(0, mig);
        }
        if (isPcie(p)) {
            return Optional.of(pcie(gpuCount, product));
        }
        if (p.contains("A100") && p.contains("SXM")) {
            return switch (gpuCount) {
                case 8 -> Optional.of(nvlink(8, 12, "HGX A100 8-GPU: NV12 to every GPU through NVSwitch"));
                case 4 -> Optional.of(nvlink(4, 4, "HGX A100 4-GPU: NV4 straight to every GPU"));
                default -> Optional.empty();
            };
        }
        boolean hopper = !p.contains("NVL") && ((p.contains("H100") && (p.contains("SXM") || p.contains("HBM3")))
                || p.contains("H200") || p.contains("H800") || p.contains("H20"));
        if (hopper && gpuCount == 8) {
            return Optional.of(nvlink(8, 18, "HGX " + family(p) + " 8-GPU: NV18 to every GPU through NVSwitch"));
        }
        return Optional.empty();
    }

    private static boolean isPcie(String p) {
        if (p.contains("NVL") || p.contains("PCIE")) {
            return p.contains("PCIE");
        }
        for (String card : List.of("L40S", "L40", "L4", "A10", "A40", "A30", "T4", "A2", "RTX")) {
            if (p.matches(".*(^|-)" + card + "(G)?($|-).*")) {
                return true;
            }
        }
        return false;
    }

    private static String family(String p) {
        for (String f : List.of("H200", "H100", "H800", "H20")) {
            if (p.contains(f)) {
                return f;
            }
        }
        return "Hopper";
    }

    private static GpuTopology nvlink(int gpus, int bonded, String description) {
        Link[][] links = new Link[gpus][gpus];
        for (int a = 0; a < gpus; a++) {
            for (int b = 0; b < gpus; b++) {
                links[a][b] = a == b ? Link.SELF : Link.nvlink(bonded, false);
            }
        }
        return build(gpus, links, unknownAffinity(gpus), description);
    }

    private static GpuTopology pcie(int gpus, String product) {
        int perSocket = (gpus + 1) / 2;
        Link[][] links = new Link[gpus][gpus];
        List<GpuAffinity> affinity = new ArrayList<>();
        for (int a = 0; a < gpus; a++) {
            for (int b = 0; b < gpus; b++) {
                links[a][b] = a == b ? Link.SELF : Link.of(a / perSocket == b / perSocket ? LinkKind.NODE : LinkKind.SYS);
            }
            affinity.add(new GpuAffinity(null, gpus == 1 ? null : Integer.toString(a / perSocket), null));
        }
        String layout = gpus == 1 ? "one PCIe card" : perSocket + " PCIe cards per CPU socket (assumed)";
        return build(gpus, links, affinity, product.replace('-', ' ') + ": " + layout + ", no NVLink");
    }

    private static List<GpuAffinity> unknownAffinity(int gpus) {
        List<GpuAffinity> affinity = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            affinity.add(GpuAffinity.UNKNOWN);
        }
        return affinity;
    }

    private static GpuTopology build(int gpus, Link[][] links, List<GpuAffinity> affinity, String description) {
        List<String> names = new ArrayList<>();
        Link[][] noNics = new Link[gpus][0];
        for (int i = 0; i < gpus; i++) {
            names.add("GPU" + i);
        }
        return GpuTopology.of(names, List.of(), links, noNics, affinity, TopologyOrigin.KNOWN_BOARD,
                description + " (by product, not probed)");
    }
}
