package dev.gpufleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetPlannerTest {

    private final Fleet fleet = FleetPlanner.plan(64, 8, 42);

    @Test
    void nodesAreSplitIntoNamedPoolsOfDifferentModels() {
        Set<String> names = new HashSet<>();
        Set<GpuModel> models = EnumSet.noneOf(GpuModel.class);
        for (int node = 0; node < fleet.nodeCount(); node++) {
            String name = fleet.nodeName(node);
            assertThat(name).matches("gpu-(h100|a100|l40s|h200)-[ab]-\\d{3}");
            assertThat(fleet.nodeIndex(name)).isEqualTo(node);
            names.add(name);
            models.add(fleet.pool(node).model());
        }
        assertThat(names).hasSize(64);
        assertThat(models).isEqualTo(EnumSet.complementOf(EnumSet.of(GpuModel.MI300X)));
        assertThat(fleet.nodeIndex("gpu-h100-a-999")).isEqualTo(-1);
        assertThat(fleet.nodeIndex("gpu-h100-a-1")).isEqualTo(-1);
        assertThat(fleet.nodeIndex("kube-node")).isEqualTo(-1);
    }

    @Test
    void runsEveryKindOfWorkloadAndLeavesSomeGpusIdleAndSomePodsPending() {
        PodPlacements pods = fleet.pods();
        Set<String> shapes = new HashSet<>();
        int pending = 0;
        for (int p = 0; p < pods.size(); p++) {
            Workload w = fleet.workload(pods.workload(p));
            pending += pods.node(p) == PodPlacements.PENDING ? 1 : 0;
            shapes.add(w.kind() + "/" + w.gpusPerPod() + "/" + (w.migProfile() == null ? "-" : w.migProfile().profileName()));
        }

        assertThat(shapes).contains("TRAINING/8/-", "TRAINING/4/-", "INFERENCE/1/-", "INFERENCE/2/-", "NOTEBOOK/1/-",
                "INFERENCE/1/1g.10gb", "DAEMON/0/-", "SYSTEM/0/-");
        assertThat(fleet.workloads()).anySatisfy(w -> assertThat(w.kind() == WorkloadKind.TRAINING && w.replicas() > 1).isTrue());
        assertThat(pending).isBetween(1, 20);
        assertThat(idleGpus()).isPositive();
    }

    private int idleGpus() {
        int idle = 0;
        for (int node = 0; node < fleet.nodeCount(); node++) {
            for (int g = 0; g < fleet.gpusPerNode(); g++) {
                if (fleet.migLayout(node, g) == null && fleet.podOnSlot(node, g, -1) == Fleet.NO_POD) {
                    idle++;
                }
            }
        }
        return idle;
    }

    @Test
    void everyGpuSlotAPodHoldsPointsBackToThatPod() {
        PodPlacements pods = fleet.pods();
        for (int p = 0; p < pods.size(); p++) {
            if (pods.node(p) == PodPlacements.PENDING || pods.gpuCount(p) == 0) {
                continue;
            }
            for (int g = pods.gpuStart(p); g < pods.gpuStart(p) + pods.gpuCount(p); g++) {
                MigLayout layout = fleet.migLayout(pods.node(p), g);
                assertThat(layout == null).isEqualTo(pods.migInstance(p) == PodPlacements.WHOLE_GPU);
                assertThat(fleet.podOnSlot(pods.node(p), g, pods.migInstance(p))).isEqualTo(p);
            }
        }
    }

    @Test
    void migPoolsUseValidLayouts() {
        for (int node = 0; node < fleet.nodeCount(); node++) {
            NodePool pool = fleet.pool(node);
            for (int g = 0; g < fleet.gpusPerNode(); g++) {
                MigLayout layout = fleet.migLayout(node, g);
                switch (pool.migStrategy()) {
                    case NONE -> assertThat(layout).isNull();
                    case SINGLE -> assertThat(layout).isEqualTo(MigLayout.ALL_1G);
                    case MIXED -> {
                        if (layout != null) {
                            assertThat(layout.profiles().stream().mapToInt(MigProfile::slices).sum()).isLessThanOrEqualTo(7);
                            assertThat(pool.model().migProfiles()).containsAll(layout.profiles());
                        }
                    }
                }
            }
        }
        assertThat(MigLayout.BALANCED.giId(0)).isEqualTo(1);
        assertThat(MigLayout.ALL_1G.giId(6)).isEqualTo(13);
    }

    @Test
    void aFewGpusAreFaultyAndTheLostOneIsCordoned() {
        assertThat(EnumSet.copyOf(fleet.faults().values()))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(GpuFault.AMD_UNCORRECTABLE_ECC)));
        fleet.faults().forEach((gpu, fault) -> {
            if (fault == GpuFault.FALLEN_OFF_BUS) {
                assertThat(fleet.initiallyCordoned(gpu / fleet.gpusPerNode())).isTrue();
            }
        });
    }

    @Test
    void theSameSeedPlansTheSameFleetAndAnotherSeedAnother() {
        assertThat(summary(FleetPlanner.plan(64, 8, 42))).isEqualTo(summary(fleet));
        assertThat(summary(FleetPlanner.plan(64, 8, 43))).isNotEqualTo(summary(fleet));
    }

    private static List<String> summary(Fleet f) {
        List<String> lines = new ArrayList<>(f.workloads().stream().map(Workload::toString).toList());
        for (int p = 0; p < f.pods().size(); p++) {
            lines.add(f.pods().workload(p) + "@" + f.pods().node(p) + ":" + f.pods().gpuStart(p));
        }
        lines.add(f.faults().toString());
        return lines;
    }

    @Test
    void scalesToOneHundredThousandGpusAndDownToOne() {
        Fleet big = FleetPlanner.plan(12_500, 8, 42);
        Fleet tiny = FleetPlanner.plan(1, 1, 42);

        assertThat(big.gpuCount()).isEqualTo(100_000);
        assertThat(big.pods().size()).isBetween(60_000, 150_000);
        assertThat(big.nodeIndex(big.nodeName(12_499))).isEqualTo(12_499);
        assertThat(tiny.nodeCount()).isEqualTo(1);
        assertThat(tiny.pods().size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void namesAreKubernetesShaped() {
        assertThat(Names.suffix(42, 3, 0)).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(Names.templateHash(42, 3)).matches("[bcdfghjklmnpqrstvwxz2456789]{10}");
        assertThat(Names.uid(42, "Pod", 1)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Names.gpuUuid(42, 1)).matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        Set<String> suffixes = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            suffixes.add(Names.suffix(42, 0, i));
        }
        assertThat(suffixes).hasSize(20_000);
    }
}
