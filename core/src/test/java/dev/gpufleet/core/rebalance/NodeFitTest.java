package dev.gpufleet.core.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.NodeSelectorRequirement;
import dev.gpufleet.core.model.NodeSelectorRequirement.Operator;
import dev.gpufleet.core.model.NodeSelectorTerm;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.model.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The node filter, one reason at a time, and the Kubernetes matching rules beneath it.
class NodeFitTest {

    private static final String GPU = "nvidia.com/gpu";

    private static NodeRecord node(boolean cordoned, boolean ready, List<Taint> taints, Map<String, Long> gpus) {
        return new NodeRecord("n1", Map.of("pool", "a", "gpus", "8"), cordoned, ready, taints, gpus, null, null);
    }

    private static PodRecord pod(Map<String, Long> gpus, PodScheduling scheduling) {
        return new PodRecord("ml", "p", null, "Pending", null, gpus, scheduling, false, null);
    }

    @Test
    void eachReasonIsNamed() {
        NodeRecord plain = node(false, true, List.of(), Map.of(GPU, 8L));
        PodRecord four = pod(Map.of(GPU, 4L), PodScheduling.NONE);

        assertThat(NodeFit.misfit(plain, Health.HEALTHY, Map.of(GPU, 4L), four)).isNull();
        assertThat(NodeFit.misfit(plain, Health.UNKNOWN, Map.of(GPU, 4L), four)).isNull();
        assertThat(NodeFit.misfit(plain, Health.HEALTHY, Map.of(GPU, 3L), four)).isEqualTo(Misfit.NO_ROOM);
        assertThat(NodeFit.misfit(node(true, true, List.of(), Map.of(GPU, 8L)), Health.HEALTHY, Map.of(GPU, 8L), four))
                .isEqualTo(Misfit.UNSCHEDULABLE);
        assertThat(NodeFit.misfit(node(false, false, List.of(), Map.of(GPU, 8L)), Health.HEALTHY, Map.of(GPU, 8L), four))
                .isEqualTo(Misfit.NOT_READY);
        assertThat(NodeFit.misfit(plain, Health.WARNING, Map.of(GPU, 8L), four)).isEqualTo(Misfit.UNHEALTHY);
        assertThat(NodeFit.staticMisfit(plain, Health.HEALTHY, pod(Map.of("nvidia.com/mig-1g.10gb", 1L),
                PodScheduling.NONE))).isEqualTo(Misfit.NO_SUCH_RESOURCE);
        assertThat(NodeFit.staticMisfit(plain, Health.HEALTHY, pod(Map.of(GPU, 9L), PodScheduling.NONE)))
                .isEqualTo(Misfit.NO_SUCH_RESOURCE);
        NodeRecord tainted = node(false, true, List.of(new Taint("dedicated", "infer", "NoSchedule")), Map.of(GPU, 8L));
        assertThat(NodeFit.staticMisfit(tainted, Health.HEALTHY, four)).isEqualTo(Misfit.TAINT);
        assertThat(NodeFit.staticMisfit(plain, Health.HEALTHY, pod(Map.of(GPU, 1L),
                new PodScheduling(0, Map.of("pool", "b"), List.of(), List.of())))).isEqualTo(Misfit.SELECTOR);
        assertThat(Misfit.TAINT.description()).isEqualTo("a taint the pod does not tolerate");
    }

    @Test
    void tolerationsMatchAsKubernetesDoes() {
        Taint taint = new Taint("nvidia.com/gpu", "present", "NoSchedule");
        assertThat(Toleration.of("nvidia.com/gpu", "Exists", null, "NoSchedule").tolerates(taint)).isTrue();
        assertThat(Toleration.of("nvidia.com/gpu", null, "present", null).tolerates(taint)).isTrue();
        assertThat(Toleration.of("nvidia.com/gpu", "Equal", "absent", null).tolerates(taint)).isFalse();
        assertThat(Toleration.of("nvidia.com/gpu", "Exists", null, "NoExecute").tolerates(taint)).isFalse();
        assertThat(Toleration.of(null, "Exists", null, null).tolerates(taint)).as("tolerates everything").isTrue();
        assertThat(Toleration.of(null, "Equal", null, null).tolerates(taint)).isFalse();
        assertThat(PodScheduling.NONE.toleratesAll(List.of(new Taint("soft", null, "PreferNoSchedule"))))
                .as("PreferNoSchedule only steers").isTrue();
    }

    @Test
    void requiredAffinityIsAnOrOfAnds() {
        Map<String, String> labels = Map.of("zone", "a", "gpus", "8");
        NodeSelectorTerm zoneAndSize = new NodeSelectorTerm(List.of(
                new NodeSelectorRequirement("zone", Operator.IN, List.of("a", "b")),
                new NodeSelectorRequirement("gpus", Operator.GT, List.of("4"))));
        NodeSelectorTerm spare = new NodeSelectorTerm(List.of(
                new NodeSelectorRequirement(NodeSelectorRequirement.FIELD_NODE_NAME, Operator.IN, List.of("spare"))));
        PodScheduling scheduling = new PodScheduling(0, Map.of(), List.of(), List.of(zoneAndSize, spare));

        assertThat(scheduling.selects("n1", labels)).isTrue();
        assertThat(scheduling.selects("n1", Map.of("zone", "a", "gpus", "4"))).isFalse();
        assertThat(scheduling.selects("spare", Map.of())).isTrue();
        assertThat(new NodeSelectorRequirement("zone", Operator.NOT_IN, List.of("a")).matches("n", Map.of())).isTrue();
        assertThat(new NodeSelectorRequirement("zone", Operator.DOES_NOT_EXIST, List.of()).matches("n", labels)).isFalse();
        assertThat(new NodeSelectorRequirement("gpus", Operator.LT, List.of("x")).matches("n", labels))
                .as("a malformed bound matches nothing").isFalse();
        assertThat(new NodeSelectorRequirement("zone", Operator.IN, List.of()).matches("n", labels)).isFalse();
        assertThat(new NodeSelectorTerm(List.of()).matches("n", labels)).as("an empty term matches nothing").isFalse();
    }
}
