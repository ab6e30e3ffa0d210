package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.model.Toleration;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionsTest {

    @Test
    void nodeKeepsWhatTheConsoleNeeds() {
        Node node = new NodeBuilder()
                .withNewMetadata().withName("gpu-a-001").withCreationTimestamp("2025-01-02T03:04:05Z")
                .addToLabels("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3").addToLabels("nvidia.com/gpu.count", "8")
                .addToAnnotations("huge", "x".repeat(10_000)).endMetadata()
                .withNewSpec().withUnschedulable(true)
                .addNewTaint().withKey("nvidia.com/gpu").withValue("present").withEffect("NoSchedule").endTaint()
                .endSpec()
                .withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("8"))
                .addToAllocatable("nvidia.com/mig-1g.10gb", new Quantity("7"))
                .addToAllocatable("cpu", new Quantity("96"))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withNewNodeInfo().withKubeletVersion("v1.31.2").endNodeInfo()
                .endStatus().build();

        NodeRecord record = Projections.node(node);

        assertThat(record.name()).isEqualTo("gpu-a-001");
        assertThat(record.unschedulable()).isTrue();
        assertThat(record.ready()).isTrue();
        assertThat(record.taints()).containsExactly(new Taint("nvidia.com/gpu", "present", "NoSchedule"));
        assertThat(record.gpuResources()).containsOnly(Map.entry("nvidia.com/gpu", 8L),
                Map.entry("nvidia.com/mig-1g.10gb", 7L));
        assertThat(record.kubeletVersion()).isEqualTo("v1.31.2");
        assertThat(record.created()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(record.physicalGpuCount()).isEqualTo(8);
    }

    @Test
    void nodeConditionsKeepTheirLastTransitionButNotTheHeartbeat() {
        Node node = new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("False").withReason("KubeletNotReady")
                .withMessage("PLEG is not healthy").withLastTransitionTime("2026-11-25T10:00:00Z")
                .withLastHeartbeatTime("2026-11-25T11:59:50Z").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("True").endCondition()
                .endStatus().build();

        NodeRecord record = Projections.node(node);

        assertThat(record.ready()).isFalse();
        assertThat(record.conditions()).containsExactly(
                new dev.gpufleet.core.model.NodeCondition("Ready", "False", "KubeletNotReady", "PLEG is not healthy",
                        Instant.parse("2026-11-25T10:00:00Z")),
                new dev.gpufleet.core.model.NodeCondition("MemoryPressure", "True", null, null, null));
    }

    @Test
    void bareNodeIsNotReadyAndHasNoGpus() {
        NodeRecord record = Projections.node(new NodeBuilder().withNewMetadata().withName("n").endMetadata().build());

        assertThat(record.ready()).isFalse();
        assertThat(record.unschedulable()).isFalse();
        assertThat(record.gpuResources()).isEmpty();
        assertThat(record.created()).isNull();
    }

    @Test
    void podSumsGpuRequestsAndNamesItsController() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace("ml").withName("train-0")
                .addNewOwnerReference().withKind("Node").withName("other").withController(false).endOwnerReference()
                .addNewOwnerReference().withKind("Job").withName("train").withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("gpu-a-001")
                .addNewContainer().withName("main").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("2")).endResources().endContainer()
                .addNewContainer().withName("side").withNewResources()
                .addToRequests("nvidia.com/gpu", new Quantity("1")).addToLimits("nvidia.com/gpu", new Quantity("1"))
                .addToRequests("memory", new Quantity("1Gi")).endResources().endContainer()
                .addNewInitContainer().withName("init").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1")).addToLimits("nvidia.com/mig-1g.10gb", new Quantity("1"))
                .endResources().endInitContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").endStatus().build();

        PodRecord record = Projections.pod(pod);

        assertThat(record.nodeName()).isEqualTo("gpu-a-001");
        assertThat(record.phase()).isEqualTo("Running");
        assertThat(record.owner()).isEqualTo(new OwnerRef("Job", "train"));
        assertThat(record.gpuRequests()).containsOnly(Map.entry("nvidia.com/gpu", 3L),
                Map.entry("nvidia.com/mig-1g.10gb", 1L));
    }

    @Test
    void podKeepsWhatTheSchedulerReads() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace("ml").withName("train-1").withCreationTimestamp("2026-11-25T08:00:00Z")
                .endMetadata()
                .withNewSpec().withPriority(1000).addToNodeSelector("pool", "h100")
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .addNewToleration().withKey("team").withValue("ml").endToleration()
                .addNewToleration().withKey("odd").withOperator("Sometimes").endToleration()
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression().withKey("zone").withOperator("In").withValues("a", "b").endMatchExpression()
                .addNewMatchExpression().withKey("gpus").withOperator("Gt").withValues("4").endMatchExpression()
                .endNodeSelectorTerm()
                .addNewNodeSelectorTerm()
                .addNewMatchField().withKey("metadata.name").withOperator("In").withValues("spare-1").endMatchField()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();

        PodRecord record = Projections.pod(pod);

        assertThat(record.priority()).isEqualTo(1000);
        assertThat(record.emptyDir()).isTrue();
        assertThat(record.created()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(record.scheduling().nodeSelector()).containsExactly(Map.entry("pool", "h100"));
        assertThat(record.scheduling().tolerations()).as("the unknown operator is left out").containsExactly(
                new Toleration("nvidia.com/gpu", Toleration.Operator.EXISTS, null, "NoSchedule"),
                new Toleration("team", Toleration.Operator.EQUAL, "ml", null));
        Map<String, String> labels = Map.of("pool", "h100", "zone", "b", "gpus", "8");
        assertThat(record.scheduling().selects("n1", labels)).isTrue();
        assertThat(record.scheduling().selects("n1", Map.of("pool", "h100", "zone", "c", "gpus", "8"))).isFalse();
        assertThat(record.scheduling().selects("spare-1", Map.of("pool", "h100"))).as("the matchFields term").isTrue();
        assertThat(record.scheduling().toleratesAll(List.of(new Taint("nvidia.com/gpu", "present", "NoSchedule"),
                new Taint("team", "ml", "NoExecute")))).isTrue();
        assertThat(record.scheduling().toleratesAll(List.of(new Taint("team", "cv", "NoSchedule")))).isFalse();
    }

    @Test
    void podWithoutConstraintsSharesTheEmptyScheduling() {
        PodRecord record = Projections.pod(new PodBuilder()
                .withNewMetadata().withNamespace("a").withName("b").endMetadata().withNewSpec().endSpec().build());

        assertThat(record.scheduling()).isSameAs(PodScheduling.NONE);
        assertThat(record.emptyDir()).isFalse();
    }

    @Test
    void pendingPodHasNoNodeAndUnknownPhaseWhenStatusIsMissing() {
        PodRecord record = Projections.pod(new PodBuilder()
                .withNewMetadata().withNamespace("a").withName("b").endMetadata().withNewSpec().endSpec().build());

        assertThat(record.nodeName()).isNull();
        assertThat(record.phase()).isEqualTo("Unknown");
        assertThat(record.owner()).isNull();
        assertThat(record.gpuRequests()).isEmpty();
    }

    @Test
    void exporterRegistryPicksOneRunningExporterPerNode() {
        ExporterRegistry registry = new ExporterRegistry(ConnectionOptions.defaults());
        registry.update(exporter("gpu-operator", "dcgm-b", "node-1", true));
        registry.update(exporter("gpu-operator", "dcgm-a", "node-1", false));
        registry.update(exporter("gpu-operator", "dcgm-c", "node-2", true));
        Pod pending = exporter("gpu-operator", "dcgm-d", "node-3", true);
        pending.getStatus().setPhase("Pending");
        registry.update(pending);
        Pod unrelated = exporter("default", "web", "node-4", true);
        unrelated.getMetadata().setLabels(Map.of("app", "web"));
        registry.update(unrelated);

        assertThat(registry.exporters()).extracting(ExporterPod::name).containsExactly("dcgm-b", "dcgm-c");

        registry.remove("gpu-operator", "dcgm-b");
        assertThat(registry.exporters()).extracting(ExporterPod::name).containsExactly("dcgm-a", "dcgm-c");
    }

    static Pod exporter(String namespace, String name, String node, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app", "nvidia-dcgm-exporter").endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }
}
