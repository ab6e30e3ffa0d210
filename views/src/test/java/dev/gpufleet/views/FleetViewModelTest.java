package dev.gpufleet.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.details.DetailRows.MetricRow;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import dev.gpufleet.views.status.ClusterStatusItem;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FleetViewModelTest {

    private final AtomicReference<FleetSnapshot> store = new AtomicReference<>(TestFleets.demo(1, 0));
    private final AtomicInteger reads = new AtomicInteger();
    private final FleetViewModel model = new FleetViewModel(() -> {
        reads.incrementAndGet();
        return store.get();
    }, Clock.fixed(TestFleets.T0.plusSeconds(3), ZoneOffset.UTC));

    private static final GpuSelection SELECTED =
            new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 9), 4, null);

    @Test
    void readingsGoStaleAfterThreeOfTheirClustersIntervals() {
        FleetViewModel perCluster = new FleetViewModel(store::get, Clock.fixed(TestFleets.T0, ZoneOffset.UTC),
                cluster -> cluster.equals("prod-east") ? Optional.of(Duration.ofSeconds(2)) : Optional.empty());

        assertThat(perCluster.staleAfter("prod-east")).isEqualTo(Duration.ofSeconds(6));
        assertThat(perCluster.staleAfter("research-west")).isEqualTo(FleetViewModel.STALE_AFTER);
        assertThat(model.staleAfter("prod-east")).isEqualTo(FleetViewModel.STALE_AFTER);
    }

    @Test
    void theDetailsUseTheClustersStaleAge() {
        FleetViewModel perCluster = new FleetViewModel(store::get, Clock.fixed(TestFleets.T0.plusSeconds(10),
                ZoneOffset.UTC), cluster -> Optional.of(Duration.ofSeconds(2)));
        perCluster.refreshNow();
        perCluster.select(SELECTED);
        model.refreshNow();
        model.select(SELECTED);

        assertThat(perCluster.details().gpuFields()).anySatisfy(field -> assertThat(field.value()).contains("(stale)")
                .contains("no sample since").contains("the values below are the last good ones"));
        assertThat(model.details().gpuFields()).noneSatisfy(field -> assertThat(field.value()).contains("(stale)"));
        assertThat(perCluster.status().clusters().getFirst().staleTelemetry()).as("the status bar uses it too")
                .startsWith("telemetry stale on ");
        assertThat(model.status().clusters().getFirst().staleTelemetry()).isNull();
    }

    @Test
    void refreshNowPublishesTheNewestSnapshot() {
        model.refreshNow();

        assertThat(model.snapshotProperty().get()).isSameAs(store.get());
        assertThat(model.nowProperty().get()).isEqualTo(TestFleets.T0.plusSeconds(3));
        assertThat(model.status().snapshotAgeProperty().get()).isEqualTo("updated 3 s ago");
    }

    @Test
    void pulsesPublishOnlyWhenTheVersionChanged() {
        model.refreshNow();
        FleetSnapshot shown = model.snapshotProperty().get();
        AtomicInteger published = new AtomicInteger();
        model.snapshotProperty().addListener((obs, old, next) -> published.incrementAndGet());

        store.set(new FleetSnapshot(1, TestFleets.T0, TestFleets.demo(1, 3).clusters()));
        model.pulse(1_000);
        assertThat(model.snapshotProperty().get()).isSameAs(shown);

        store.set(TestFleets.demo(2, 3));
        model.pulse(2_000);
        assertThat(published).hasValue(1);
        assertThat(model.snapshotProperty().get().version()).isEqualTo(2);
    }

    @Test
    void selectionSurvivesANewSnapshotVersion() {
        model.refreshNow();
        model.select(SELECTED);
        String before = model.details().metrics().getFirst().value();

        store.set(TestFleets.demo(2, 40));
        model.pulse(5_000_000_000L);

        assertThat(model.selectedGpuProperty().get()).isEqualTo(SELECTED);
        assertThat(model.details().headingProperty().get()).isEqualTo(SELECTED.node() + " · GPU 4");
        assertThat(model.details().metrics().getFirst().value()).isNotEqualTo(before);
    }

    @Test
    void detailsSayNotReportedForMissingMetrics() {
        model.refreshNow();
        model.select(SELECTED);

        assertThat(model.details().metrics()).contains(
                new MetricRow("GPU utilization", model.details().metrics().getFirst().value(), true),
                new MetricRow("Encoder utilization", "not reported", false));
    }

    @Test
    void statusListsEachClustersState() {
        model.refreshNow();

        assertThat(model.status().clusters()).extracting(ClusterStatusItem::name, ClusterStatusItem::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prod-east", ConnectionState.LIVE),
                        org.assertj.core.groups.Tuple.tuple("research-west", ConnectionState.UNAUTHORIZED));
        assertThat(model.status().problems()).singleElement()
                .satisfies(problem -> assertThat(problem.description()).contains(TestFleets.UNAUTHORIZED_MESSAGE));
    }

    @Test
    void mostUrgentPicksTheFailingGpu() {
        model.refreshNow();

        assertThat(model.selectMostUrgent()).hasValueSatisfying(selection -> {
            assertThat(selection.node()).isEqualTo(TestFleets.nodeName("prod-east", 1));
            assertThat(selection.index()).isEqualTo(2);
        });
        assertThat(model.details().healthReasonProperty().get()).contains("XID 79");
    }

    @Test
    void metricAndThemeAreCommands() {
        model.selectMetric(HeatmapMetric.POWER);
        model.toggleTheme();

        assertThat(model.metricProperty().get()).isEqualTo(HeatmapMetric.POWER);
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
        assertThat(model.isRunning()).isFalse();
    }
}
