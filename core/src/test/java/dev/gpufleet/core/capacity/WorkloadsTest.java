package dev.gpufleet.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.OwnerRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Workload names and pools as people know them.
class WorkloadsTest {

    @Test
    void aReplicaSetsPodsBelongToTheDeploymentWithoutTheTemplateHash() {
        assertThat(Workloads.of(new OwnerRef("ReplicaSet", "llm-serve-7c9f8d6b5"), "llm-serve-7c9f8d6b5-abcde"))
                .isEqualTo("Deployment/llm-serve");
        assertThat(Workloads.of(new OwnerRef("ReplicaSet", "hand-made"), "x")).isEqualTo("ReplicaSet/hand-made");
    }

    @Test
    void otherOwnersAreThemselvesAndBarePodsTheirOwnWorkload() {
        assertThat(Workloads.of(new OwnerRef("Job", "train-42"), "train-42-xyz")).isEqualTo("Job/train-42");
        assertThat(Workloads.of(new OwnerRef("StatefulSet", "db"), "db-0")).isEqualTo("StatefulSet/db");
        assertThat(Workloads.of(null, "debug")).isEqualTo("Pod/debug");
    }

    @Test
    void thePoolIsTheFirstPoolLabelPresent() {
        assertThat(PoolLabels.poolOf(Map.of("karpenter.sh/nodepool", "spot", "gpufleet.dev/pool", "train"))).isEqualTo("train");
        assertThat(PoolLabels.poolOf(Map.of("cloud.google.com/gke-nodepool", "a3"))).isEqualTo("a3");
        assertThat(PoolLabels.poolOf(Map.of("zone", "x"))).isEqualTo(PoolLabels.NO_POOL);
    }
}
