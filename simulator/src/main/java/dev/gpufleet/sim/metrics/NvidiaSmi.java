package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuModel;
import dev.gpufleet.sim.fleet.NodePool;
import java.util.ArrayList;
import java.util.List;

/// What `nvidia-smi topo -m` and `nvidia-smi -L` print on a simulated node, as driver 580
/// prints them: tab-separated, the header underlined with ANSI escapes, `X` padded to ` X `,
/// an empty field before `GPU NUMA ID`, then the legend.
///
/// The board follows the pool's GPU: HGX H100/H200 connect every pair with 18 NVLinks through
/// NVSwitch (`NV18`), HGX A100 with 12 (`NV12`); PCIe cards (L40S) have no NVLink and reach a
/// GPU on the same socket through the host bridges of one NUMA node (`NODE`) and one on the
/// other socket across the CPU interconnect (`SYS`). The first half of the GPUs sits on socket
/// 0, the rest on socket 1, with hyperthreaded CPU lists as Linux numbers them.
public final class NvidiaSmi {

    private static final String LEGEND = """

            Legend:

              X    = Self
              SYS  = Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)
              NODE = Connection traversing PCIe as well as the interconnect between PCIe Host Bridges within a NUMA node
              PHB  = Connection traversing PCIe as well as a PCIe Host Bridge (typically the CPU)
              PXB  = Connection traversing multiple PCIe bridges (without traversing the PCIe Host Bridge)
              PIX  = Connection traversing at most a single PCIe bridge
              NV#  = Connection traversing a bonded set of # NVLinks
            """;

    private final Fleet fleet;

    public NvidiaSmi(Fleet fleet) {
        this.fleet = fleet;
    }

    /// The output of a command line that runs `nvidia-smi` on node `node`: the topology matrix
    /// for `topo -m`, the GPU list for `-L`, both in the order the command line names them.
    public String run(String commandLine, int node) {
        if (fleet.pool(node).model().amd()) {
            // An AMD node has no NVIDIA driver; nvidia-smi says so, as it does on a real one.
            return "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the"
                    + " latest NVIDIA driver is installed and running.\n\n";
        }
        List<String> parts = new ArrayList<>();
        int topo = commandLine.indexOf("topo");
        int list = commandLine.indexOf(" -L");
        if (topo >= 0 && (list < 0 || topo < list)) {
            parts.add(topology(node));
            if (list >= 0) {
                parts.add(gpuList(node));
            }
        } else if (list >= 0) {
            parts.add(gpuList(node));
            if (topo >= 0) {
                parts.add(topology(node));
            }
        }
        if (parts.isEmpty()) {
            return "The simulated nvidia-smi answers only `nvidia-smi topo -m` and `nvidia-smi -L`.\n";
        }
        return String.join("", parts);
    }

    /// `nvidia-smi -L`: one line per GPU with its name and UUID.
    public String gpuList(int node) {
        GpuModel model = fleet.pool(node).model();
        StringBuilder out = new StringBuilder();
        for (int gpu = 0; gpu < fleet.gpusPerNode(); gpu++) {
            out.append("GPU ").append(gpu).append(": ").append(model.productName())
                    .append(" (UUID: ").append(fleet.gpuUuid(node, gpu)).append(")\n");
        }
        return out.toString();
    }

    /// `nvidia-smi topo -m` for the node's board.
    public String topology(int node) {
        NodePool pool = fleet.pool(node);
        int gpus = fleet.gpusPerNode();
        int perSocket = Math.max(1, (gpus + 1) / 2);
        StringBuilder header = new StringBuilder();
        for (int gpu = 0; gpu < gpus; gpu++) {
            header.append("GPU").append(gpu).append('\t');
        }
        header.append("CPU Affinity\tNUMA Affinity\tGPU NUMA ID");
        StringBuilder out = new StringBuilder("\t\u001B[4m").append(header).append("\u001B[0m\n");
        for (int a = 0; a < gpus; a++) {
            out.append("GPU").append(a);
            for (int b = 0; b < gpus; b++) {
                out.append('\t').append(a == b ? " X " : link(pool.model(), a / perSocket == b / perSocket));
            }
            int socket = gpus == 1 ? 0 : a / perSocket;
            out.append('\t').append(cpuList(pool.cpuCores(), socket, gpus == 1)).append('\t').append(socket)
                    .append("\t\tN/A\n");
        }
        return out.append(LEGEND).toString();
    }

    private static String link(GpuModel model, boolean sameSocket) {
        return switch (model) {
            case H100, H200 -> "NV18";
            case A100 -> "NV12";
            case L40S -> sameSocket ? "NODE" : "SYS";
            case MI300X -> throw new IllegalArgumentException("an AMD node has no nvidia-smi topology");
        };
    }

    // Two sockets with hyperthreading: socket s owns cores s*q..(s+1)*q-1 and their siblings.
    private static String cpuList(int threads, int socket, boolean allSockets) {
        if (allSockets) {
            return "0-" + (threads - 1);
        }
        int quarter = threads / 4;
        int first = socket * quarter;
        int sibling = (2 + socket) * quarter;
        return first + "-" + (first + quarter - 1) + "," + sibling + "-" + (sibling + quarter - 1);
    }
}
