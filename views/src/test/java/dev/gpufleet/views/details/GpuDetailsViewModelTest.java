package dev.gpufleet.views.details;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.details.DetailRows.Field;
import dev.gpufleet.views.details.DetailRows.MetricRow;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GpuDetailsViewModelTest {

    private final GpuDetailsViewModel model = new GpuDetailsViewModel(Duration.ofSeconds(60));
    private final FleetSnapshot fleet = TestFleets.demo(1, 0);

    private void show(int node, int index) {
        String name = TestFleets.nodeName("prod-east", node);
        model.show(fleet, new GpuSelection("prod-east", name, index, null), TestFleets.T0);
    }

    @Test
    void showsTheNodeAndGpuIdentity() {
        show(5, 0);
        String node = TestFleets.nodeName("prod-east", 5);

        assertThat(model.presentProperty().get()).isTrue();
        assertThat(model.nodeFields()).contains(new Field("Name", node),
                new Field("Scheduling", "cordoned (unschedulable)"), new Field("Ready", "ready"),
                new Field("Pool", "h100-spot"), new Field("Zone", "us-east-1a"),
                new Field("GPU product", "NVIDIA H100 80GB HBM3"));
        assertThat(model.gpuFields()).contains(new Field("Index", "0"), new Field("UUID", TestFleets.uuid(node, 0)),
                new Field("Health", "HEALTHY"));
    }

    @Test
    void listsReportedAndExpectedMetricsAndSaysNotReportedForMissingOnes() {
        show(10, 1);

        assertThat(model.metrics()).hasSizeGreaterThanOrEqualTo(DetailRowBuilder.EXPECTED.size());
        assertThat(model.metrics()).noneMatch(row -> row.name().startsWith("NVLink") && !row.reported());
        assertThat(model.metrics()).contains(new MetricRow("GPU temperature", "65 °C", true),
                new MetricRow("SM clock", "1,980 MHz", true),
                new MetricRow("Decoder utilization", "not reported", false));
    }

    @Test
    void explainsWhyAGpuFails() {
        show(1, 2);

        assertThat(model.healthProperty().get()).isEqualTo(Health.FAILING);
        assertThat(model.healthReasonProperty().get()).contains("XID 79", "2 uncorrectable (double-bit) ECC errors");
    }

    @Test
    void explainsMissingTelemetry() {
        show(2, 3);

        assertThat(model.healthProperty().get()).isEqualTo(Health.UNKNOWN);
        assertThat(model.healthReasonProperty().get()).contains("connection refused");
        assertThat(model.metrics()).allMatch(row -> !row.reported());
    }

    @Test
    void showsMigInstancesAndPodAttribution() {
        show(6, 1);

        assertThat(model.migInstances()).hasSize(3);
        assertThat(model.migInstances().getFirst().profile()).isEqualTo("1g.10gb");
        assertThat(model.migInstances().getFirst().utilization()).isEqualTo("20 %");
        assertThat(model.gpuPods()).extracting(DetailRows.PodRow::pod)
                .containsExactly("research/notebook-1", "research/notebook-2", "research/notebook-3");
        assertThat(model.nodeGpuPods()).extracting(DetailRows.PodRow::pod).hasSize(4)
                .allMatch(pod -> pod.startsWith("ml-team/train-"));
    }

    @Test
    void unchangedReadingsLeaveTheListsAlone() {
        show(10, 1);
        AtomicInteger changes = new AtomicInteger();
        model.metrics().addListener((javafx.collections.ListChangeListener<MetricRow>) c -> changes.incrementAndGet());

        show(10, 1);

        assertThat(changes).hasValue(0);
    }

    @Test
    void saysWhenTheSelectedGpuIsGone() {
        model.show(fleet, new GpuSelection("prod-east", "gone-node", 0, null), TestFleets.T0);

        assertThat(model.presentProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).contains("not in the latest snapshot of prod-east");
        assertThat(model.metrics()).isEmpty();
    }

    @Test
    void nothingSelectedInvitesAClick() {
        model.show(fleet, null, TestFleets.T0);

        assertThat(model.headingProperty().get()).isEqualTo("No GPU selected");
        assertThat(model.messageProperty().get()).contains("Click a cell");
    }
}
