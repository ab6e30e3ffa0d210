package dev.gpufleet.views.node;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.TestFleets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/// Nodes for the node view's tests.
final class NodeFixtures {

    static final String NODE = "gpu-h100-a-001";

    private NodeFixtures() {
    }

    /// A `\t`-separated `nvidia-smi topo -m` matrix of 8 NV18 GPUs on two sockets.
    static String hgxMatrix() {
        StringBuilder text = new StringBuilder("\t");
        for (int g = 0; g < 8; g++) {
            text.append("GPU").append(g).append('\t');
        }
        text.append("CPU Affinity\tNUMA Affinity\tGPU NUMA ID\n");
        for (int a = 0; a < 8; a++) {
            text.append("GPU").append(a);
            for (int b = 0; b < 8; b++) {
                text.append('\t').append(a == b ? " X " : "NV18");
            }
            text.append(a < 4 ? "\t0-47,96-143\t0\t\tN/A\n" : "\t48-95,144-191\t1\t\tN/A\n");
        }
        return text.toString();
    }

    static NodeSnapshot node(String product, int gpus, IntFunction<double[]> values, Instant at) {
        NodeRecord record = new NodeRecord(NODE, Map.of(NodeRecord.LABEL_GPU_PRODUCT, product,
                NodeRecord.LABEL_GPU_COUNT, Integer.toString(gpus)), false, true, List.of(),
                Map.of("nvidia.com/gpu", (long) gpus), "v1.31.2", TestFleets.T0);
        List<GpuSnapshot> list = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            List<PodRef> pods = i < 2 ? List.of(new PodRef("ml", "trainer-" + i, "pytorch")) : List.of();
            list.add(new GpuSnapshot(i, "GPU-" + i, product, i == 3 ? Health.FAILING : Health.HEALTHY,
                    MetricValues.wrap(values.apply(i)), at, List.of(), pods));
        }
        return new NodeSnapshot(record, list, List.of(), at, null);
    }

    static double[] utilization(int gpu) {
        double[] raw = MetricValues.blankArray();
        raw[Metric.GPU_UTIL.ordinal()] = 10 * gpu;
        return raw;
    }
}
