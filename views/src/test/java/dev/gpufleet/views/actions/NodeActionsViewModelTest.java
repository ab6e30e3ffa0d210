package dev.gpufleet.views.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import dev.gpufleet.views.heatmap.HeatmapSelection;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/// The "Actions" menu's model without a window: targets from the heatmap's selection, actions
/// disabled with the reason RBAC gives, and what each node's change did.
class NodeActionsViewModelTest {

    private final FakeOperations cluster = new FakeOperations();
    private final NodeActionsViewModel model = new NodeActionsViewModel(cluster, new CurrentThreadTaskExecutor(),
            Runnable::run);
    private final FleetSnapshot fleet = TestFleets.simple(1, 3, 2);
    private final HeatmapFrame frame = HeatmapFrame.extract(fleet, HeatmapMetric.UTILIZATION, null);

    private HeatmapSelection select(int... ordinals) {
        BitSet bits = new BitSet();
        for (int ordinal : ordinals) {
            bits.set(ordinal);
        }
        return HeatmapSelection.of(frame, bits);
    }

    @Test
    void withNothingSelectedEveryActionSaysToSelectFirst() {
        for (NodeAction action : NodeAction.values()) {
            assertThat(model.stateProperty(action).get().enabled()).isFalse();
            assertThat(model.stateProperty(action).get().reason()).contains("select a GPU");
        }
    }

    @Test
    void aViewerSeesEveryActionDisabledWithThePermissionItLacks() {
        GpuSelection gpu = frame.selectionAt(0);
        cluster.verdicts.put(gpu.cluster() + "/" + Capability.CHANGE_NODES, Verdict.deny(
                "You may not cordon, uncordon or taint nodes in context \"lab\": user \"viewer\" lacks patch nodes."));
        cluster.verdicts.put(gpu.cluster() + "/" + Capability.EVICT_PODS, Verdict.deny(
                "You may not evict pods (drain) in context \"lab\": user \"viewer\" lacks create pods/eviction."));

        model.setSelection(gpu, HeatmapSelection.EMPTY);

        assertThat(model.targetsProperty().get()).containsExactly(new NodeTarget(gpu.cluster(), gpu.node()));
        assertThat(model.stateProperty(NodeAction.CORDON).get().reason()).contains("lacks patch nodes");
        assertThat(model.stateProperty(NodeAction.TAINT_GPU_UNHEALTHY).get().enabled()).isFalse();
        assertThat(model.stateProperty(NodeAction.DRAIN).get().reason()).contains("create pods/eviction");
        assertThat(model.drainRequest()).isEmpty();
        model.run(NodeAction.CORDON);
        assertThat(cluster.applied).isEmpty();
    }

    @Test
    void aMultiSelectionCordonsEachOfItsNodesOnceAndDrainWantsOneNode() {
        // GPUs 0 and 1 are on the first node, 2 on the second.
        model.setSelection(frame.selectionAt(0), select(0, 1, 2));

        assertThat(model.targetsProperty().get()).hasSize(2);
        assertThat(model.stateProperty(NodeAction.DRAIN).get().reason()).contains("one node at a time");
        model.run(NodeAction.CORDON);

        assertThat(cluster.applied).containsExactly("cordon " + frame.cluster(0) + "/" + frame.selectionAt(0).node(),
                "cordon " + frame.cluster(2) + "/" + frame.selectionAt(2).node());
        assertThat(model.outcomeProperty().get().failed()).isFalse();
        assertThat(model.outcomeProperty().get().title()).contains("Cordon: 2 nodes");
    }

    @Test
    void aConflictOnOneNodeIsReportedWithItsMeaningAndTheOthersStillChange() {
        String second = frame.selectionAt(2).node();
        cluster.failures.put(second, new OperationException(409, "Could not taint node " + second
                + ": it was changed by someone else meanwhile (409 Conflict). Nothing was written; retry."));
        model.setSelection(null, select(0, 2));

        model.run(NodeAction.TAINT_GPU_UNHEALTHY);

        ActionOutcome outcome = model.outcomeProperty().get();
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.lines()).hasSize(2);
        assertThat(outcome.lines().get(1)).contains("409 Conflict").contains("Node/" + second + " was not changed");
        assertThat(cluster.applied).containsExactly("taint nvidia.com/gpu.health=unhealthy:NoSchedule "
                + frame.cluster(0) + "/" + frame.selectionAt(0).node());
    }

    @Test
    void onAReadOnlyContextEveryActionIsDisabledSayingSoAndComesBackWhenUnlocked() {
        cluster.readOnly = true;
        model.setSelection(frame.selectionAt(0), HeatmapSelection.EMPTY);

        for (NodeAction action : NodeAction.values()) {
            assertThat(model.stateProperty(action).get().enabled()).isFalse();
            assertThat(model.stateProperty(action).get().reason()).contains("read-only");
        }
        model.run(NodeAction.CORDON);
        assertThat(cluster.applied).isEmpty();

        cluster.readOnly = false;
        model.refreshPermissions(false);
        assertThat(model.stateProperty(NodeAction.CORDON).get().enabled()).isTrue();
    }

    @Test
    void drainFromAGpuStartsWithThatGpusScope() {
        GpuSelection gpu = frame.selectionAt(1);
        model.setSelection(gpu, HeatmapSelection.EMPTY);

        assertThat(model.stateProperty(NodeAction.DRAIN).get().enabled()).isTrue();
        NodeActionsViewModel.DrainRequest request = model.drainRequest().orElseThrow();
        assertThat(request.target().node()).isEqualTo(gpu.node());
        assertThat(request.gpu()).isEqualTo(gpu.index());
        var scopes = DrainScopes.of(fleet, gpu.cluster(), gpu.node());
        assertThat(scopes).hasSize(3);
        assertThat(DrainScopes.initial(scopes, gpu.index()))
                .isEqualTo(dev.gpufleet.core.drain.DrainOptions.GpuScope.gpu(gpu.index()));
    }
}
