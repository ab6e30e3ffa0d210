package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// What the inventory keeps per object decides whether 200,000 pods fit in the heap: these
/// tests count the objects a projection keeps alive (not time), so they fail when managed
/// fields, annotations or fabric8 objects are kept again, or when the values thousands of
/// pods and nodes repeat stop being shared.
class ProjectionFootprintTest {

    private static final String MANAGED = "f:metadata-managed-by-kubectl";
    private static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    @Test
    void aPodKeepsNoFabric8ObjectNoManagedFieldsAndNoAnnotations() {
        PodRecord record = Projections.pod(daemonPod(7));

        RetainedGraph kept = RetainedGraph.of(record);

        assertThat(kept.byClass().keySet()).allMatch(type -> type.startsWith("dev.gpufleet.core.")
                || type.startsWith("java."), "only core records and JDK values");
        assertThat(kept.strings()).noneMatch(s -> s.contains(MANAGED) || s.contains("{\"apiVersion\""))
                .noneMatch(s -> s.contains("containerd://"));
        // Namespace, name, node, phase, owner kind and name, and no more text.
        assertThat(kept.stringChars()).isLessThan(120);
        assertThat(kept.objects()).isLessThan(16);
    }

    @Test
    void podsOfOneDaemonSetShareAllButTheirNameAndCreationTime() {
        List<PodRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            records.add(Projections.pod(daemonPod(i)));
        }

        RetainedGraph kept = RetainedGraph.of(records);

        // Each pod: its record, its name and its creation time; the rest is shared.
        assertThat(kept.objects()).isLessThan(3 * 1_000 + 40);
        assertThat(kept.byClass()).containsEntry(PodRecord.class.getName(), 1_000)
                .containsEntry(dev.gpufleet.core.model.OwnerRef.class.getName(), 1);
    }

    @Test
    void nodesShareTheirLabelTextsAndKeepNoAnnotationsOrManagedFields() {
        List<NodeRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(Projections.node(node(i)));
        }

        RetainedGraph kept = RetainedGraph.of(records);

        assertThat(kept.byClass().keySet()).allMatch(type -> type.startsWith("dev.gpufleet.core.")
                || type.startsWith("java."));
        assertThat(kept.strings()).noneMatch(s -> s.contains(MANAGED) || s.contains("x".repeat(100)));
        // Per node: record, name, hostname label value, label map and its internals, the
        // condition lists and creation time; label keys and the other values are shared.
        assertThat(kept.byClass().getOrDefault(String.class.getName(), 0)).isLessThan(2 * 200 + 40);
    }

    /// A pod as the API server sends it: fresh strings everywhere (as JSON parsing makes them),
    /// managed fields, a big annotation, container statuses.
    private static Pod daemonPod(int i) {
        return new PodBuilder()
                .withNewMetadata().withName(fresh("node-exporter-" + i)).withNamespace(fresh("kube-system"))
                    .withCreationTimestamp("2026-01-02T03:04:05Z")
                    .addToAnnotations(fresh(ANNOTATION), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}".repeat(20))
                    .addToLabels(fresh("app"), fresh("node-exporter"))
                    .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update")
                        .withFieldsType("FieldsV1").withFieldsV1(managedFields())
                        .build())
                    .addNewOwnerReference().withKind(fresh("DaemonSet")).withName(fresh("node-exporter"))
                        .withController(true).withApiVersion("apps/v1").withUid("u").endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(fresh("gpu-h100-a-" + (i % 10)))
                    .addNewContainer().withName("node-exporter").withImage("quay.io/prometheus/node-exporter:v1.8.2")
                        .withNewResources().addToRequests("cpu", new Quantity("10m")).endResources()
                    .endContainer()
                .endSpec()
                .withNewStatus().withPhase(fresh("Running"))
                    .addNewContainerStatus().withName("node-exporter").withContainerID("containerd://" + i)
                    .endContainerStatus()
                .endStatus().build();
    }

    private static Node node(int i) {
        return new NodeBuilder()
                .withNewMetadata().withName(fresh("gpu-h100-a-" + i)).withCreationTimestamp("2026-01-02T03:04:05Z")
                    .addToLabels(fresh("kubernetes.io/hostname"), fresh("gpu-h100-a-" + i))
                    .addToLabels(fresh("nvidia.com/gpu.product"), fresh("NVIDIA-H100-80GB-HBM3"))
                    .addToLabels(fresh("nvidia.com/gpu.count"), fresh("8"))
                    .addToLabels(fresh("topology.kubernetes.io/zone"), fresh("us-east-1a"))
                    .addToAnnotations(fresh("node.alpha.kubernetes.io/ttl"), "x".repeat(200))
                    .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet")
                        .withFieldsV1(managedFields()).build())
                .endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                    .addToAllocatable("nvidia.com/gpu", new Quantity("8"))
                    .addNewCondition().withType(fresh("Ready")).withStatus(fresh("True"))
                        .withReason(fresh("KubeletReady")).withMessage(fresh("kubelet is posting ready status"))
                        .withLastTransitionTime("2026-01-02T03:04:05Z").endCondition()
                    .withNewNodeInfo().withKubeletVersion(fresh("v1.31.4")).endNodeInfo()
                .endStatus().build();
    }

    private static FieldsV1 managedFields() {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty(MANAGED, Map.of("f:x", Map.of()));
        return fields;
    }

    /// A string no other object shares, as a JSON parser returns it.
    private static String fresh(String text) {
        return new String(text.toCharArray());
    }
}
