package dev.gpufleet.core.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.model.OwnerRef;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/// kubectl drain's rules, one pod shape at a time.
class DrainPlannerTest {

    private static DrainCandidate pod(String name, OwnerRef owner) {
        return new DrainCandidate("ml", name, "uid-" + name, "Running", owner, false, false, false, 1, List.of(), List.of());
    }

    private static Disposition of(DrainCandidate pod, DrainOptions options) {
        return DrainPlanner.disposition(pod, options);
    }

    private static final DrainOptions DEFAULTS = DrainOptions.defaults();

    @Test
    void controlledPodsAreEvictedAndDaemonSetsSkipped() {
        assertThat(of(pod("train", new OwnerRef("Job", "train")), DEFAULTS)).isEqualTo(Disposition.EVICT);
        assertThat(of(pod("web", new OwnerRef("ReplicaSet", "web-5d8")), DEFAULTS)).isEqualTo(Disposition.EVICT);
        assertThat(of(pod("dcgm", new OwnerRef("DaemonSet", "dcgm")), DEFAULTS)).isEqualTo(Disposition.SKIP_DAEMONSET);
    }

    @Test
    void mirrorPodsAreSkippedWhateverTheOptions() {
        DrainCandidate mirror = new DrainCandidate("kube-system", "etcd-n1", "u", "Running", new OwnerRef("Node", "n1"),
                true, false, false, 0, List.of(), List.of());
        assertThat(of(mirror, DEFAULTS.withForce(true))).isEqualTo(Disposition.SKIP_MIRROR);
    }

    @Test
    void unmanagedPodsNeedForceAndEmptyDirPodsNeedPermissionToLoseTheirData() {
        DrainCandidate bare = pod("debug", null);
        assertThat(of(bare, DEFAULTS)).isEqualTo(Disposition.REFUSE_UNMANAGED);
        assertThat(of(bare, DEFAULTS.withForce(true))).isEqualTo(Disposition.EVICT);

        DrainCandidate scratch = new DrainCandidate("ml", "cache", "u", "Running", new OwnerRef("ReplicaSet", "c"),
                false, true, false, 1, List.of(), List.of());
        assertThat(of(scratch, DEFAULTS)).isEqualTo(Disposition.REFUSE_EMPTYDIR);
        assertThat(of(scratch, DEFAULTS.withForce(true))).isEqualTo(Disposition.REFUSE_EMPTYDIR);
        assertThat(of(scratch, DEFAULTS.withDeleteEmptyDirData(true))).isEqualTo(Disposition.EVICT);
    }

    @Test
    void finishedPodsLoseNothingAndTerminatingOnesAreOnlyWaitedFor() {
        DrainCandidate done = new DrainCandidate("ml", "job-x", "u", "Succeeded", null, false, true, false, 0,
                List.of(), List.of());
        assertThat(of(done, DEFAULTS)).isEqualTo(Disposition.EVICT);
        DrainCandidate going = new DrainCandidate("ml", "web-1", "u", "Running", new OwnerRef("ReplicaSet", "w"),
                false, false, true, 0, List.of(), List.of());
        assertThat(of(going, DEFAULTS)).isEqualTo(Disposition.WAIT);
    }

    @Test
    void aGpuScopeTakesOnlyThePodsOnThatGpuOrMigInstance() {
        GpuPlacement gpu2mig3 = new GpuPlacement(2, OptionalInt.of(3), "H100");
        DrainCandidate onMig = new DrainCandidate("ml", "infer", "u", "Running", new OwnerRef("ReplicaSet", "i"), false,
                false, false, 1, List.of(gpu2mig3), List.of());
        assertThat(of(onMig, DEFAULTS.withScope(DrainOptions.GpuScope.gpu(2)))).isEqualTo(Disposition.EVICT);
        assertThat(of(onMig, DEFAULTS.withScope(DrainOptions.GpuScope.migInstance(2, 3)))).isEqualTo(Disposition.EVICT);
        assertThat(of(onMig, DEFAULTS.withScope(DrainOptions.GpuScope.migInstance(2, 4))))
                .isEqualTo(Disposition.SKIP_OUT_OF_SCOPE);
        assertThat(of(onMig, DEFAULTS.withScope(DrainOptions.GpuScope.gpu(1)))).isEqualTo(Disposition.SKIP_OUT_OF_SCOPE);
        assertThatThrownBy(() -> new DrainOptions.GpuScope(OptionalInt.empty(), OptionalInt.of(1)))
                .hasMessageContaining("give the GPU too");
    }

    @Test
    void thePlanSaysWhichBudgetsWillHoldEvictionsBack() {
        DrainCandidate a = new DrainCandidate("ml", "a", "ua", "Running", new OwnerRef("ReplicaSet", "r"), false, false,
                false, 1, List.of(), List.of("web-pdb"));
        DrainCandidate b = new DrainCandidate("ml", "b", "ub", "Running", new OwnerRef("ReplicaSet", "r"), false, false,
                false, 2, List.of(), List.of("web-pdb"));
        BudgetStatus webPdb = new BudgetStatus("ml", "web-pdb", 1, 3, 2, 3);
        BudgetStatus otherPdb = new BudgetStatus("ml", "other-pdb", 0, 1, 1, 1);

        DrainPlan plan = DrainPlanner.plan("n1", List.of(b, a), List.of(webPdb, otherPdb), DEFAULTS);

        assertThat(plan.pods()).extracting(p -> p.pod().name()).containsExactly("a", "b");
        assertThat(plan.budgets()).containsExactly(webPdb);
        assertThat(plan.blockingBudgets()).containsExactly(webPdb);
        assertThat(plan.gpusFreed()).isEqualTo(3);
        assertThat(plan.removalsByKind()).containsEntry("ReplicaSet", 2L);
    }

    @Property
    void noPlanEvictsADaemonSetOrMirrorPodAndBlockingMeansAPermissionIsMissing(
            @ForAll boolean owned, @ForAll boolean daemonSet, @ForAll boolean mirror, @ForAll boolean emptyDir,
            @ForAll boolean finished, @ForAll boolean force, @ForAll boolean deleteEmptyDir) {
        OwnerRef owner = !owned ? null : new OwnerRef(daemonSet ? "DaemonSet" : "ReplicaSet", "x");
        DrainCandidate pod = new DrainCandidate("ns", "p", "u", finished ? "Failed" : "Running", owner, mirror, emptyDir,
                false, 0, List.of(), List.of());
        Disposition disposition = of(pod, DEFAULTS.withForce(force).withDeleteEmptyDirData(deleteEmptyDir));

        if (mirror || owned && daemonSet) {
            assertThat(disposition.removes()).isFalse();
        }
        if (disposition.blocking()) {
            assertThat(!finished && (emptyDir && !deleteEmptyDir || !owned && !force)).isTrue();
        }
    }
}
