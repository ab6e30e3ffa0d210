package dev.gpufleet.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// The interconnect of one node: how each GPU reaches every other GPU and every NIC, and which
/// CPUs and NUMA node sit close to each GPU. Immutable.
///
/// `nvidia-smi` prints NVLink through NVSwitch and direct NVLink alike (`NV#`). A GPU whose
/// bond counts to its peers add up to more links than any NVIDIA GPU has
/// ([#MAX_NVLINKS_PER_GPU]) cannot be wired to each peer directly: its links end at switches.
/// [#of] marks such links [Link#viaSwitch()] (HGX A100 `NV12` and HGX H100 `NV18` to seven
/// peers are; the four-GPU HGX A100's `NV4` to three peers and an NVLink bridge's pair are not).
public final class GpuTopology {

    /// The most NVLinks one GPU has (18 on Hopper and Blackwell, 12 on Ampere).
    public static final int MAX_NVLINKS_PER_GPU = 18;

    private final List<String> gpus;
    private final List<Nic> nics;
    private final Link[][] gpuLinks;
    private final Link[][] nicLinks;
    private final List<GpuAffinity> affinity;
    private final TopologyOrigin origin;
    private final String description;

    private GpuTopology(List<String> gpus, List<Nic> nics, Link[][] gpuLinks, Link[][] nicLinks,
            List<GpuAffinity> affinity, TopologyOrigin origin, String description) {
        this.gpus = List.copyOf(gpus);
        this.nics = List.copyOf(nics);
        this.gpuLinks = gpuLinks;
        this.nicLinks = nicLinks;
        this.affinity = List.copyOf(affinity);
        this.origin = origin;
        this.description = description;
    }

    /// A topology from its parts; the arrays are copied and NVSwitch links inferred.
    ///
    /// @param gpus     GPU names in matrix order (`GPU0`, `GPU1`, …)
    /// @param nics     the NICs in matrix order
    /// @param gpuLinks `[gpu][gpu]` cells
    /// @param nicLinks `[gpu][nic]` cells
    /// @param affinity one entry per GPU
    public static GpuTopology of(List<String> gpus, List<Nic> nics, Link[][] gpuLinks, Link[][] nicLinks,
            List<GpuAffinity> affinity, TopologyOrigin origin, String description) {
        int n = gpus.size();
        if (gpuLinks.length != n || affinity.size() != n || nicLinks.length != n) {
            throw new IllegalArgumentException("matrix rows, affinity entries and GPUs differ in number");
        }
        Link[][] links = new Link[n][];
        Link[][] toNics = new Link[n][];
        for (int g = 0; g < n; g++) {
            if (gpuLinks[g].length != n || nicLinks[g].length != nics.size()) {
                throw new IllegalArgumentException("row " + gpus.get(g) + " has the wrong number of cells");
            }
            links[g] = switched(gpuLinks[g]);
            toNics[g] = nicLinks[g].clone();
        }
        return new GpuTopology(gpus, nics, links, toNics, affinity, Objects.requireNonNull(origin),
                Objects.requireNonNull(description));
    }

    private static Link[] switched(Link[] row) {
        int bonded = 0;
        for (Link link : row) {
            bonded += link.nvlinks();
        }
        Link[] copy = row.clone();
        if (bonded > MAX_NVLINKS_PER_GPU) {
            for (int i = 0; i < copy.length; i++) {
                if (copy[i].kind() == LinkKind.NVLINK) {
                    copy[i] = Link.nvlink(copy[i].nvlinks(), true);
                }
            }
        }
        return copy;
    }

    public int gpuCount() {
        return gpus.size();
    }

    /// The GPU names in matrix order (`GPU0`, …).
    public List<String> gpus() {
        return gpus;
    }

    public List<Nic> nics() {
        return nics;
    }

    /// How GPU `from` reaches GPU `to` (positions in [#gpus()]).
    public Link link(int from, int to) {
        return gpuLinks[from][to];
    }

    /// How GPU `gpu` reaches NIC `nic` (positions in [#gpus()] and [#nics()]).
    public Link nicLink(int gpu, int nic) {
        return nicLinks[gpu][nic];
    }

    public GpuAffinity affinity(int gpu) {
        return affinity.get(gpu);
    }

    public TopologyOrigin origin() {
        return origin;
    }

    /// What the topology is, for people: `nvidia-smi topo -m` or the board it was taken from.
    public String description() {
        return description;
    }

    /// Whether any GPU pair is linked through NVSwitch.
    public boolean hasNvSwitch() {
        for (Link[] row : gpuLinks) {
            for (Link link : row) {
                if (link.viaSwitch()) {
                    return true;
                }
            }
        }
        return false;
    }

    /// The NICs closest to GPU `gpu`: those with the nearest link kind, none when there are no NICs.
    public List<Nic> closestNics(int gpu) {
        List<Nic> closest = new ArrayList<>();
        LinkKind best = null;
        for (int i = 0; i < nics.size(); i++) {
            LinkKind kind = nicLinks[gpu][i].kind();
            if (best == null || kind.compareTo(best) < 0) {
                best = kind;
                closest.clear();
            }
            if (kind == best) {
                closest.add(nics.get(i));
            }
        }
        return closest;
    }

    @Override
    public String toString() {
        return "GpuTopology[" + gpus.size() + " GPUs, " + nics.size() + " NICs, " + origin + ", " + description + "]";
    }
}
