package dev.gpufleet.views.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DeviceViewModelTest {

    private static final String CLUSTER = "prod-east";
    private static final String MIG_NODE = TestFleets.nodeName(CLUSTER, 6);
    private static final GpuSelection MIG_GPU = new GpuSelection(CLUSTER, MIG_NODE, 1, null);

    @Test
    void drawsMigInstancesOnTheirSlicesColouredByTheirOwnUtilization() {
        DeviceViewModel model = new DeviceViewModel();
        model.open(MIG_GPU, TestFleets.demo(1, 0));
        DevicePicture picture = model.pictureProperty().get();
        assertThat(picture.kind()).isEqualTo(DevicePicture.Kind.MIG);
        assertThat(picture.summary()).startsWith("H100-80GB · 7 compute × 8 memory slices");
        assertThat(picture.notice()).contains("inferred");
        assertThat(picture.blocks()).extracting(DeviceBlock::title)
                .containsExactly("GI 1 · 1g.10gb", "GI 2 · 1g.10gb", "GI 3 · 3g.40gb");
        assertThat(picture.blocks()).extracting(DeviceBlock::memoryStart).containsExactly(4, 5, 0);
        assertThat(picture.blocks()).extracting(DeviceBlock::memorySlices).containsExactly(1, 1, 4);
        assertThat(picture.blocks()).extracting(DeviceBlock::computeSlices).containsExactly(1, 1, 3);
        assertThat(picture.blocks()).extracting(DeviceBlock::pods)
                .containsExactly(List.of("research/notebook-1"), List.of("research/notebook-2"),
                        List.of("research/notebook-3"));
        for (DeviceBlock block : picture.blocks()) {
            assertThat(block.argb()).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(block.utilization()));
        }
        assertThat(picture.blocks()).extracting(DeviceBlock::utilization)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
                .containsExactly(20.0, 40.0, 60.0);
    }

    @Test
    void aGpuWithoutMigIsOneBlockOverTheWholeCard() {
        DeviceViewModel model = new DeviceViewModel();
        model.open(new GpuSelection(CLUSTER, MIG_NODE, 0, null), TestFleets.demo(1, 0));
        DevicePicture picture = model.pictureProperty().get();
        assertThat(picture.kind()).isEqualTo(DevicePicture.Kind.WHOLE);
        assertThat(picture.blocks()).singleElement().satisfies(block -> {
            assertThat(block.computeSlices()).isEqualTo(7);
            assertThat(block.memorySlices()).isEqualTo(8);
            assertThat(block.utilization()).isEqualTo(90);
            assertThat(block.pods()).containsExactly("ml-team/train-" + MIG_NODE + "-0");
        });
    }

    @Test
    void anUnknownCardListsItsInstancesAndSaysItsGeometryIsUnknown() {
        GpuSnapshot gpu = gpu("NVIDIA B300", List.of(instance(1, "1g.23gb", 0.5), instance(2, "1g.23gb", 0.1)));
        DeviceViewModel model = open(gpu);
        DevicePicture picture = model.pictureProperty().get();
        assertThat(picture.kind()).isEqualTo(DevicePicture.Kind.MIG_UNKNOWN_GEOMETRY);
        assertThat(picture.notice()).contains("not drawn to scale", "no MIG geometry is known for 'NVIDIA B300'");
        assertThat(picture.blocks()).extracting(DeviceBlock::computeStart).containsExactly(0, 1);
    }

    @Test
    void anInvalidLayoutIsReportedNotDrawnAsIfValid() {
        GpuSnapshot gpu = gpu("NVIDIA H100 80GB HBM3",
                List.of(instance(1, "4g.40gb", 0.5), instance(2, "4g.40gb", 0.1)));
        DevicePicture picture = open(gpu).pictureProperty().get();
        assertThat(picture.kind()).isEqualTo(DevicePicture.Kind.MIG_UNKNOWN_GEOMETRY);
        assertThat(picture.notice()).contains("at most 1 × 4g.40gb");
    }

    @Test
    void amdPartitionsSitOnTheirXcdsAndShareMemory() {
        List<MigSample> partitions = new ArrayList<>();
        for (int id = 0; id < 4; id++) {
            double[] values = MetricValues.blankArray();
            values[Metric.GPU_UTIL.ordinal()] = 10 * id;
            partitions.add(new MigSample(id, "QPX", MetricValues.wrap(values), List.of()));
        }
        DeviceViewModel model = open(gpu("AMD Instinct MI300X OAM", partitions));
        DevicePicture picture = model.pictureProperty().get();
        assertThat(picture.kind()).isEqualTo(DevicePicture.Kind.AMD_PARTITIONS);
        assertThat(picture.memorySlices()).isZero();
        assertThat(picture.computeSlices()).isEqualTo(8);
        assertThat(picture.blocks()).extracting(DeviceBlock::computeStart).containsExactly(0, 2, 4, 6);
        assertThat(picture.blocks()).extracting(DeviceBlock::utilization).containsExactly(0.0, 10.0, 20.0, 30.0);
        assertThat(model.rowsProperty().get()).isEqualTo(EngineRow.AMD);
        assertThat(model.enginesProperty().get().value(0, model.enginesProperty().get().columns() - 1))
                .as("GFX activity averaged over partitions").isEqualTo(15.0);
    }

    @Test
    void engineRowsCollectEachNewSnapshotOnceAndUnreportedRowsStayNaN() {
        DeviceViewModel model = new DeviceViewModel();
        model.open(MIG_GPU, TestFleets.demo(1, 0));
        EngineFrame first = model.enginesProperty().get();
        int last = first.columns() - 1;
        int grRow = EngineRow.NVIDIA.indexOf(EngineRow.NVIDIA.stream()
                .filter(r -> r.metric() == Metric.GR_ENGINE_ACTIVE).findFirst().orElseThrow());
        // Instances 0.2 (1g), 0.4 (1g), 0.6 (3g): weighted by compute slices.
        assertThat(first.value(grRow, last)).isCloseTo((0.2 + 0.4 + 3 * 0.6) / 5, within(1e-9));
        assertThat(first.reported(grRow)).isTrue();
        for (int row = 0; row < first.rows(); row++) {
            if (row != grRow) {
                assertThat(first.reported(row)).as(EngineRow.NVIDIA.get(row).label()).isFalse();
            }
        }
        model.accept(TestFleets.demo(2, 0));
        assertThat(model.enginesProperty().get()).as("same sample time: no new column").isSameAs(first);
    }

    @Test
    void anInstanceInFocusShowsItsOwnEngines() {
        DeviceViewModel model = new DeviceViewModel();
        model.open(MIG_GPU, TestFleets.demo(1, 0));
        int last = model.enginesProperty().get().columns() - 1;
        model.focusInstance(3);
        assertThat(model.focusProperty().get()).isEqualTo(3);
        assertThat(model.engineSubjectProperty().get()).isEqualTo("GI 3 · 3g.40gb");
        assertThat(model.enginesProperty().get().value(0, last)).isEqualTo(0.6000000000000001);
        model.focusInstance(42);
        assertThat(model.focusProperty().get()).as("no such instance: the whole GPU").isEqualTo(-1);
        assertThat(model.engineSubjectProperty().get()).isEqualTo("the whole GPU");
        assertThat(model.enginesProperty().get().value(0, last)).isCloseTo(0.48, within(1e-9));
        model.focusInstance(1);
        model.accept(TestFleets.simple(2, 1, 1));
        model.open(MIG_GPU, TestFleets.demo(3, 0));
        assertThat(model.focusProperty().get()).as("a new opening starts on the whole GPU").isEqualTo(-1);
    }

    @Test
    void seedsTheHeatmapFromStoredHistory() {
        FleetHistory history = new FleetHistory();
        GpuSnapshot gpu = gpu("NVIDIA H100 80GB HBM3", List.of());
        GpuKey key = new GpuKey("c1", "n0", gpu.uuid());
        for (int i = 1; i <= 5; i++) {
            double[] values = MetricValues.blankArray();
            values[Metric.SM_ACTIVE.ordinal()] = 0.1 * i;
            history.record(key, TestFleets.T0.minusSeconds(60 - 10L * i), MetricValues.wrap(values));
        }
        HistoryQueries queries = new HistoryQueries() {
            @Override
            public <T> CompletableFuture<T> readHistory(Function<? super HistoryReader, ? extends T> query) {
                return CompletableFuture.completedFuture(query.apply(history));
            }
        };
        DeviceViewModel model = new DeviceViewModel(queries, Runnable::run);
        model.open(new GpuSelection("c1", "n0", 0, null), fleet(gpu));
        EngineFrame frame = model.enginesProperty().get();
        int smRow = 1;
        assertThat(EngineRow.NVIDIA.get(smRow).metric()).isEqualTo(Metric.SM_ACTIVE);
        int last = frame.columns() - 1;
        assertThat(frame.value(smRow, last)).as("the live sample at T0").isEqualTo(0.9);
        assertThat(frame.value(smRow, last - 1)).isCloseTo(0.5, within(1e-3));
        assertThat(frame.value(smRow, last - 5)).isCloseTo(0.1, within(1e-3));
        assertThat(frame.value(smRow, last - 6)).isNaN();
        assertThat(frame.reported(2)).as("SM occupancy is not stored nor reported").isFalse();
    }

    @Test
    void aGpuThatLeavesTheFleetSaysSo() {
        DeviceViewModel model = new DeviceViewModel();
        model.open(MIG_GPU, TestFleets.demo(1, 0));
        model.accept(TestFleets.simple(3, 1, 1));
        assertThat(model.pictureProperty().get().kind()).isEqualTo(DevicePicture.Kind.NONE);
        assertThat(model.pictureProperty().get().notice()).contains("not in the latest snapshot");
        model.close();
        assertThat(model.gpuProperty().get()).isNull();
    }

    private static DeviceViewModel open(GpuSnapshot gpu) {
        DeviceViewModel model = new DeviceViewModel();
        model.open(new GpuSelection("c1", "n0", 0, null), fleet(gpu));
        return model;
    }

    private static FleetSnapshot fleet(GpuSnapshot gpu) {
        NodeSnapshot node = new NodeSnapshot(TestFleets.record("n0", 1, false), List.of(gpu), List.of(),
                TestFleets.T0, null);
        return new FleetSnapshot(1, TestFleets.T0, List.of(new ClusterSnapshot("c1",
                ConnectionStatus.of(ConnectionState.LIVE, TestFleets.T0), List.of(node))));
    }

    private static GpuSnapshot gpu(String model, List<MigSample> mig) {
        double[] values = MetricValues.blankArray();
        values[Metric.FB_USED.ordinal()] = 1000;
        values[Metric.FB_FREE.ordinal()] = 80_559;
        if (mig.isEmpty()) {
            values[Metric.SM_ACTIVE.ordinal()] = 0.9;
        }
        return new GpuSnapshot(0, "GPU-test-0", model, Health.HEALTHY, MetricValues.wrap(values), TestFleets.T0, mig,
                List.of());
    }

    private static MigSample instance(int id, String profile, double active) {
        double[] values = MetricValues.blankArray();
        values[Metric.GR_ENGINE_ACTIVE.ordinal()] = active;
        return new MigSample(id, profile, MetricValues.wrap(values), List.of(new PodRef("ns", "p" + id, null)));
    }
}
