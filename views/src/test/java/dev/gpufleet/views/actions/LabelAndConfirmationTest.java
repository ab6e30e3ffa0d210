package dev.gpufleet.views.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.LabelEdit;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import dev.gpufleet.views.heatmap.HeatmapSelection;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/// "Label…" and the production confirmation without a window: label changes checked as typed,
/// applied to every target and refused under RBAC and read-only; on a production context a
/// label needs the node's name and a change of several nodes their number.
class LabelAndConfirmationTest {

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

    private GpuSelection one() {
        GpuSelection gpu = frame.selectionAt(0);
        model.setSelection(gpu, HeatmapSelection.EMPTY);
        return gpu;
    }

    @Test
    void labelsAreCheckedAsTypedAndAppliedToEveryNode() {
        model.setSelection(null, select(0, 2, 4));
        LabelDialogViewModel dialog = new LabelDialogViewModel(model);

        assertThat(dialog.targetsText()).isEqualTo("3 nodes");
        assertThat(dialog.problemProperty().get()).contains("key=value");
        dialog.editsProperty().set("team=ml Bad.Prefix/x=1");
        assertThat(dialog.problemProperty().get()).contains("The prefix \"Bad.Prefix\"");
        assertThat(dialog.apply()).isFalse();
        assertThat(cluster.applied).isEmpty();

        dialog.editsProperty().set("team=ml zone-");
        assertThat(dialog.problemProperty().get()).isEmpty();
        assertThat(dialog.confirmationRequired()).isFalse();
        assertThat(dialog.apply()).isTrue();

        assertThat(cluster.applied).hasSize(6).contains("label team=ml " + frame.selectionAt(0).cluster() + "/"
                + frame.selectionAt(0).node(), "label zone- " + frame.selectionAt(4).cluster() + "/"
                + frame.selectionAt(4).node());
        assertThat(model.outcomeProperty().get().title()).isEqualTo("Label team=ml zone-: 3 nodes");
        assertThat(model.outcomeProperty().get().failed()).isFalse();
    }

    @Test
    void labelIsDisabledWithTheReasonUnderRbacAndReadOnly() {
        GpuSelection gpu = frame.selectionAt(0);
        cluster.verdicts.put(gpu.cluster() + "/" + Capability.CHANGE_NODES, Verdict.deny("user \"viewer\" lacks patch nodes"));
        model.setSelection(gpu, HeatmapSelection.EMPTY);
        assertThat(model.stateProperty(NodeAction.LABEL).get().reason()).contains("lacks patch nodes");
        model.runLabel(List.of(LabelEdit.parse("team=ml")), "");
        assertThat(cluster.applied).isEmpty();

        cluster.verdicts.clear();
        cluster.readOnly = true;
        model.refreshPermissions(true);
        assertThat(model.stateProperty(NodeAction.LABEL).get().reason()).contains("read-only");
    }

    @Test
    void onProductionALabelNeedsTheNodesNameTyped() {
        cluster.production = true;
        GpuSelection gpu = one();
        LabelDialogViewModel dialog = new LabelDialogViewModel(model);
        dialog.editsProperty().set("team=ml");

        assertThat(dialog.confirmationRequired()).isTrue();
        assertThat(dialog.problemProperty().get()).contains("type the node's name (" + gpu.node() + ")");
        dialog.typedConfirmationProperty().set("wrong-node");
        assertThat(dialog.apply()).isFalse();
        dialog.typedConfirmationProperty().set(gpu.node());
        assertThat(dialog.apply()).isTrue();
        assertThat(cluster.applied).containsExactly("label team=ml " + gpu.cluster() + "/" + gpu.node());
    }

    @Test
    void onProductionACordonOfOneNodeNeedsNothingButOfSeveralNeedsTheirNumber() {
        cluster.production = true;
        GpuSelection gpu = one();
        assertThat(model.confirmationFor(NodeAction.CORDON)).isEmpty();
        model.run(NodeAction.CORDON);
        assertThat(cluster.applied).containsExactly("cordon " + gpu.cluster() + "/" + gpu.node());

        cluster.applied.clear();
        model.setSelection(null, select(0, 2, 4));
        assertThat(model.confirmationFor(NodeAction.TAINT_GPU_UNHEALTHY)).contains("3");
        model.run(NodeAction.TAINT_GPU_UNHEALTHY, "2");
        assertThat(cluster.applied).isEmpty();
        assertThat(model.outcomeProperty().get().failed()).isTrue();
        assertThat(model.outcomeProperty().get().lines().getFirst()).contains("Nothing was done")
                .contains("the number of nodes (3)").contains("You typed \"2\"");

        model.run(NodeAction.TAINT_GPU_UNHEALTHY, " 3 ");
        assertThat(cluster.applied).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("taint "));
    }

    @Test
    void offProductionNothingIsAsked() {
        model.setSelection(null, select(0, 2, 4));
        assertThat(model.confirmationFor(NodeAction.CORDON)).isEmpty();
        assertThat(model.confirmationFor(NodeAction.LABEL)).isEmpty();
        model.run(NodeAction.CORDON);
        assertThat(cluster.applied).hasSize(3);
    }
}
