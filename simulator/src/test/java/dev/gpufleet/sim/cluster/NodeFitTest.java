package dev.gpufleet.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The scheduler's per-node filters and its message, against hand-made nodes.
class NodeFitTest {

    private static Node node(boolean cordoned, int gpus, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewSpec().withUnschedulable(cordoned).withTaints(taints).endSpec()
                .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(gpus)))
                    .addToAllocatable("pods", new Quantity("110")).endStatus()
                .build();
    }

    private static Pod pod(int gpus, Toleration... tolerations) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().withTolerations(tolerations)
                .addNewContainer().withName("c").withNewResources()
                    .addToLimits("nvidia.com/gpu", new Quantity(Integer.toString(gpus)))
                    .addToRequests("cpu", new Quantity("4")).endResources().endContainer()
                .endSpec().build();
    }

    private static final Taint GPU_TAINT = new Taint("NoSchedule", "nvidia.com/gpu", null, "true");
    private static final Toleration GPU_TOLERATION = new Toleration("NoSchedule", "nvidia.com/gpu", "Exists", null, null);

    @Test
    void acceleratorRequestsComeFromLimitsWhenNoneAreRequested() {
        assertThat(NodeFit.requests(pod(2))).containsExactly(Map.entry("nvidia.com/gpu", 2L));
    }

    @Test
    void aCordonedNodeAnUntoleratedTaintAndTooFewGpusAreEachNamed() {
        NodeFit.Usage used = new NodeFit.Usage();
        used.add(Map.of("nvidia.com/gpu", 7L));
        Pod wants2 = pod(2, GPU_TOLERATION);

        assertThat(NodeFit.misfits(wants2, NodeFit.requests(wants2), node(true, 8), new NodeFit.Usage()))
                .containsExactly("node(s) were unschedulable");
        assertThat(NodeFit.misfits(pod(1), Map.of("nvidia.com/gpu", 1L), node(false, 8, GPU_TAINT), new NodeFit.Usage()))
                .containsExactly("node(s) had untolerated taint {nvidia.com/gpu: true}");
        assertThat(NodeFit.misfits(wants2, NodeFit.requests(wants2), node(false, 8, GPU_TAINT), used))
                .containsExactly("Insufficient nvidia.com/gpu");
        assertThat(NodeFit.misfits(pod(1, GPU_TOLERATION), Map.of("nvidia.com/gpu", 1L), node(false, 8, GPU_TAINT), used))
                .isEmpty();
    }

    @Test
    void tolerationsMatchByKeyValueAndEffectOrExistsForAll() {
        Taint noExecute = new Taint("NoExecute", "k", null, "v");
        assertThat(NodeFit.tolerates(new Toleration(null, null, "Exists", null, null), noExecute)).isTrue();
        assertThat(NodeFit.tolerates(new Toleration("NoExecute", "k", "Equal", null, "v"), noExecute)).isTrue();
        assertThat(NodeFit.tolerates(new Toleration("NoExecute", "k", "Equal", null, "w"), noExecute)).isFalse();
        assertThat(NodeFit.tolerates(new Toleration("NoSchedule", "k", "Exists", null, null), noExecute)).isFalse();
    }

    @Test
    void theMessageCountsReasonsSortedAsTheRealSchedulerPrintsThem() {
        assertThat(PodScheduler.message(68, Map.of("node(s) were unschedulable", 1, "Insufficient nvidia.com/gpu", 67)))
                .isEqualTo("0/68 nodes are available: 1 node(s) were unschedulable, 67 Insufficient nvidia.com/gpu.");
    }
}
