package dev.gpufleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AmdFleetPlannerTest {

    private final Fleet mixed = FleetPlanner.plan(64, 4, 8, 42);
    private final Fleet nvidiaOnly = FleetPlanner.plan(64, 8, 42);

    @Test
    void amdNodesComeAfterTheNvidiaFleetWhichStaysAsItWas() {
        assertThat(mixed.nodeCount()).isEqualTo(68);
        for (int node = 0; node < 64; node++) {
            assertThat(mixed.nodeName(node)).isEqualTo(nvidiaOnly.nodeName(node));
            assertThat(mixed.amdNode(node)).isFalse();
            assertThat(mixed.amdPartitionMode(node)).isNull();
            for (int g = 0; g < 8; g++) {
                assertThat(mixed.migLayout(node, g)).isEqualTo(nvidiaOnly.migLayout(node, g));
                int a = mixed.podOnSlot(node, g, -1);
                int b = nvidiaOnly.podOnSlot(node, g, -1);
                assertThat(a == Fleet.NO_POD ? null : mixed.workload(mixed.pods().workload(a)).name())
                        .isEqualTo(b == Fleet.NO_POD ? null : nvidiaOnly.workload(nvidiaOnly.pods().workload(b)).name());
            }
        }
        for (int w = 0; w < nvidiaOnly.workloads().size(); w++) {
            assertThat(mixed.workload(w).name()).isEqualTo(nvidiaOnly.workload(w).name());
        }
        for (int p = 0; p < nvidiaOnly.pods().size(); p++) {
            assertThat(mixed.pods().workload(p)).isEqualTo(nvidiaOnly.pods().workload(p));
            assertThat(mixed.pods().node(p)).isEqualTo(nvidiaOnly.pods().node(p));
            assertThat(mixed.pods().gpuStart(p)).isEqualTo(nvidiaOnly.pods().gpuStart(p));
        }
        Map<Integer, GpuFault> nvidiaFaults = new HashMap<>(mixed.faults());
        nvidiaFaults.values().removeIf(f -> f == GpuFault.AMD_UNCORRECTABLE_ECC);
        assertThat(nvidiaFaults).isEqualTo(nvidiaOnly.faults());
        assertThat(List.of(64, 65, 66, 67)).extracting(mixed::nodeName)
                .containsExactly("gpu-mi300x-a-001", "gpu-mi300x-a-002", "gpu-mi300x-a-003", "gpu-mi300x-a-004");
        assertThat(List.of(64, 65, 66, 67)).extracting(mixed::amdPartitionMode).containsExactly(
                AmdPartitionMode.SPX_NPS1, AmdPartitionMode.SPX_NPS1, AmdPartitionMode.DPX_NPS1,
                AmdPartitionMode.CPX_NPS4);
        assertThat(mixed.nodeIndex("gpu-mi300x-a-004")).isEqualTo(67);
        assertThat(mixed.pool(67).model()).isEqualTo(GpuModel.MI300X);
    }

    @Test
    void amdPodsRequestAmdGpusAndRunOnlyOnAmdNodes() {
        PodPlacements pods = mixed.pods();
        Set<String> amdKinds = new HashSet<>();
        Set<String> amdDaemons = new HashSet<>();
        for (int p = 0; p < pods.size(); p++) {
            Workload w = mixed.workload(pods.workload(p));
            int node = pods.node(p);
            if (node == PodPlacements.PENDING) {
                continue;
            }
            if (w.amd()) {
                assertThat(mixed.amdNode(node)).as(w.name()).isTrue();
                assertThat(w.gpuResource()).isEqualTo("amd.com/gpu");
                assertThat(w.image()).startsWith("rocm/");
                amdKinds.add(w.kind() + "/" + w.gpusPerPod());
            } else if (w.gpuResource() != null) {
                assertThat(mixed.amdNode(node)).as(w.name()).isFalse();
            }
            if (mixed.amdNode(node) && w.kind() == WorkloadKind.DAEMON) {
                amdDaemons.add(w.namespace() + "/" + w.name());
            }
        }
        assertThat(amdKinds).contains("TRAINING/8", "INFERENCE/1", "NOTEBOOK/1");
        assertThat(amdDaemons).containsExactlyInAnyOrder("kube-amd-gpu/gpu-operator-metrics-exporter",
                "kube-amd-gpu/gpu-operator-device-plugin", "kube-amd-gpu/gpu-operator-node-labeller",
                "kube-system/kube-proxy");
    }

    @Test
    void partitionedNodesHoldOnePodPerPartition() {
        int cpx = mixed.nodeIndex("gpu-mi300x-a-004");
        Set<Integer> usedPartitions = new HashSet<>();
        List<Integer> podsOnCpx = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            for (int p = 0; p < 8; p++) {
                int pod = mixed.podOnSlot(cpx, g, p);
                if (pod != Fleet.NO_POD) {
                    usedPartitions.add(p);
                    podsOnCpx.add(pod);
                    assertThat(mixed.pods().gpuStart(pod)).isEqualTo(g);
                    assertThat(mixed.pods().migInstance(pod)).isEqualTo(p);
                    assertThat(mixed.workload(mixed.pods().workload(pod)).gpusPerPod()).isEqualTo(1);
                }
            }
        }
        assertThat(usedPartitions).hasSize(8);
        assertThat(podsOnCpx).doesNotHaveDuplicates().hasSizeBetween(20, 63);
    }

    @Test
    void oneAmdCardFailsWithUncorrectableEcc() {
        List<Integer> amdFaults = mixed.faults().entrySet().stream()
                .filter(e -> e.getValue() == GpuFault.AMD_UNCORRECTABLE_ECC).map(e -> e.getKey()).toList();
        assertThat(amdFaults).singleElement().satisfies(gpu -> assertThat(gpu / 8).isEqualTo(64));
        mixed.faults().forEach((gpu, fault) -> assertThat(fault == GpuFault.AMD_UNCORRECTABLE_ECC)
                .isEqualTo(mixed.amdNode(gpu / 8)));
        assertThat(FleetPlanner.plan(64, 4, 8, 42).faults()).isEqualTo(mixed.faults());
    }

    @Test
    void partitionModesMixOnceThePoolIsBigEnough() {
        assertThat(AmdPartitionMode.forNode(1, 1)).isEqualTo(AmdPartitionMode.SPX_NPS1);
        assertThat(AmdPartitionMode.forNode(2, 2)).isEqualTo(AmdPartitionMode.CPX_NPS4);
        assertThat(AmdPartitionMode.forNode(4, 6)).isEqualTo(AmdPartitionMode.QPX_NPS1);
        assertThat(AmdPartitionMode.CPX_NPS4.label()).isEqualTo("cpx_nps4");
        assertThat(AmdPartitionMode.DPX_NPS1.partitions()).isEqualTo(2);
        assertThat(AmdPartitionMode.SPX_NPS1.partitioned()).isFalse();
    }
}
