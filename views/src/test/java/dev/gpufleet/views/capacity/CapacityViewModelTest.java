package dev.gpufleet.views.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteCategory;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.core.capacity.WasteScope;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/// The capacity view model without a window: rows per scope, their order, totals that match the
/// ledger's, percent math, the trend's buckets and the pending pods.
class CapacityViewModelTest {

    private static final int NODES = 4;
    private static final int GPUS = NODES * 8;

    private final WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());
    private final CapacityViewModel model = new CapacityViewModel(ledger::report, Runnable::run, Runnable::run);

    /// The test fleet (GPUs 0, 2, 4, 6 of each node held by a Job) with a pod waiting for 16 GPUs.
    private static FleetSnapshot fleetAt(Duration since) {
        FleetSnapshot base = TestFleets.simple(1, NODES, 8);
        ClusterSnapshot cluster = base.clusters().getFirst();
        PodRecord waiting = new PodRecord("ml-team", "big-train-0", null, "Pending", new OwnerRef("Job", "big-train"),
                Map.of("nvidia.com/gpu", 16L));
        return new FleetSnapshot(1 + since.toSeconds(), TestFleets.T0.plus(since), List.of(
                new ClusterSnapshot(cluster.name(), cluster.connection(), cluster.nodes(), List.of(waiting))));
    }

    /// Feeds a snapshot every 10 s from 0 to `seconds` and refreshes after each.
    private void observe(int seconds) {
        for (int at = 0; at <= seconds; at += 10) {
            ledger.accept(fleetAt(Duration.ofSeconds(at)));
            model.refresh();
        }
    }

    @Test
    void theFleetTotalIsEveryGpuForTheWholeWindowAndMatchesTheLedger() {
        observe(40);

        double expected = GPUS * 40 / 3600.0;
        assertThat(model.fleet().totalHours()).isCloseTo(expected, within(1e-9));
        assertThat(model.fleet().totalHours()).isCloseTo(ledger.report().fleet().totalHours(), within(1e-12));
        assertThat(model.tiles()).hasSize(CategoryLook.ORDER.size());
        assertThat(model.tiles().stream().mapToDouble(CapacityViewModel.Tile::hours).sum())
                .isCloseTo(expected, within(1e-9));
        assertThat(model.tiles().stream().mapToDouble(CapacityViewModel.Tile::percent).sum())
                .isCloseTo(100, within(1e-9));
        WasteReport report = ledger.report();
        for (CapacityViewModel.Tile tile : model.tiles()) {
            assertThat(tile.hours()).isEqualTo(report.fleet().hours(tile.look().category()));
        }
        assertThat(model.fleet().hours(CategoryLook.USED) + model.fleet().hours(CategoryLook.UNDERUSED))
                .isPositive();
    }

    @Test
    void eachScopeTableSumsToTheFleetAndListsMostIdleFirst() {
        observe(40);

        for (WasteScope scope : List.of(WasteScope.CLUSTER, WasteScope.POOL, WasteScope.NODE)) {
            model.scopeProperty().set(scope);
            assertThat(model.rows().stream().mapToDouble(CapacityRow::totalHours).sum())
                    .as(scope.id()).isCloseTo(model.fleet().totalHours(), within(1e-9));
        }
        model.scopeProperty().set(WasteScope.NODE);
        assertThat(model.rows()).hasSize(NODES);
        assertThat(model.rows()).extracting(CapacityRow::key).allMatch(key -> key.startsWith("c1/"));
        assertThat(model.rows()).isSortedAccordingTo(CapacityViewModel.MOST_IDLE_FIRST);
        assertThat(model.rows().getFirst().idleHours()).isGreaterThan(model.rows().getLast().idleHours());

        model.scopeProperty().set(WasteScope.WORKLOAD);
        assertThat(model.rows()).extracting(CapacityRow::key).contains("c1/ml-team/Job/train-c1-gpu-000");
        assertThat(model.csvRows()).hasSize(model.rows().size());
        assertThat(model.csvRows().getFirst()).hasSameSizeAs(CapacityRow.CSV_HEADER);
    }

    @Test
    void idlePercentIsIdleHoursOverAllHours() {
        observe(30);
        model.scopeProperty().set(WasteScope.NODE);

        for (CapacityRow row : model.rows()) {
            double idle = row.hours(CategoryLook.IDLE_ALLOCATED) + row.hours(CategoryLook.STRANDED)
                    + row.hours(CategoryLook.FREE);
            assertThat(row.idleHours()).isCloseTo(idle, within(1e-12));
            assertThat(row.idlePercent()).isCloseTo(100 * idle / row.totalHours(), within(1e-9));
            assertThat(Double.parseDouble(row.csv().get(CapacityRow.CSV_HEADER.indexOf("idle_percent"))))
                    .isCloseTo(row.idlePercent(), within(1e-3));
        }
        assertThat(model.fleet().idleCost()).isCloseTo(ledger.report().fleet().idleDollars(), within(1e-12));
    }

    @Test
    void aYoungSessionGetsTenSecondBucketsWhoseStackIsTheGpuCount() {
        observe(40);

        List<CapacityTrend.Point> points = model.pointsProperty().get();
        assertThat(points).hasSize(4);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.length()).isEqualTo(Duration.ofSeconds(10));
            assertThat(sum(point)).isCloseTo(GPUS, within(1e-6));
        });
        assertThat(points.getLast().start()).isEqualTo(TestFleets.T0.plusSeconds(40));
    }

    @Test
    void aLongWindowUsesTheLedgersHourlyBuckets() {
        for (int minute = 0; minute <= 4 * 60; minute += 5) {
            ledger.accept(fleetAt(Duration.ofMinutes(minute)));
        }
        model.refresh();

        List<CapacityTrend.Point> points = model.pointsProperty().get();
        assertThat(points).hasSize(4);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.length()).isEqualTo(Duration.ofHours(1));
            assertThat(sum(point)).isCloseTo(GPUS, within(1e-6));
        });
        // The readings are from T0 only, so after a minute every GPU's time is unknown.
        assertThat(points.getLast().gpus(CategoryLook.UNKNOWN)).isCloseTo(GPUS, within(1e-6));
    }

    @Test
    void aScreenOpenedOnALedgerThatCountedAWhileDrawsItsHoursAtOnce() {
        for (int second = 0; second <= 20 * 60; second += 10) {
            ledger.accept(fleetAt(Duration.ofSeconds(second)));
        }
        model.refresh();

        List<CapacityTrend.Point> points = model.pointsProperty().get();
        assertThat(points).singleElement().satisfies(point -> {
            assertThat(point.start()).isEqualTo(TestFleets.T0);
            assertThat(sum(point)).isCloseTo(GPUS, within(1e-6));
        });
    }

    @Test
    void pendingPodsSayWhyTheyWaitAndTopWastersAreIdleWorkloads() {
        observe(20);

        assertThat(model.pending()).singleElement().satisfies(pod -> {
            assertThat(pod.name()).isEqualTo("big-train-0");
            assertThat(pod.reason()).contains("nodes are available:").contains("Insufficient nvidia.com/gpu");
            assertThat(CapacityText.requests(pod)).isEqualTo("16 nvidia.com/gpu");
        });
        assertThat(model.topWasters()).allSatisfy(row -> assertThat(row.hours(CategoryLook.IDLE_ALLOCATED)).isPositive());
        assertThat(model.topWasters()).extracting(CapacityRow::key)
                .isEqualTo(ledger.report().topWasters(CapacityViewModel.TOP_WASTERS).stream()
                        .map(WasteReport.Row::key).toList());
        assertThat(model.strandedNow()).isCloseTo(model.pointsProperty().get().getLast().gpus(CategoryLook.STRANDED),
                within(1e-12));
    }

    @Test
    void aRefreshAskedForWhileOneIsUnderWayIsSkippedAndAFailureIsShown() {
        AtomicBoolean fail = new AtomicBoolean(true);
        List<Runnable> queued = new java.util.ArrayList<>();
        CapacityViewModel slow = new CapacityViewModel(() -> {
            if (fail.get()) {
                throw new IllegalStateException("ledger closed");
            }
            return ledger.report();
        }, queued::add, Runnable::run);
        slow.refresh();
        slow.refresh();
        assertThat(queued).hasSize(1);

        queued.removeFirst().run();
        assertThat(slow.statusProperty().get()).contains("ledger closed").contains("retried");
        fail.set(false);
        ledger.accept(fleetAt(Duration.ZERO));
        slow.refresh();
        queued.removeFirst().run();
        assertThat(slow.reportProperty().get()).isNotNull();
        assertThat(slow.fleet().hours(CategoryLook.USED)).isZero();
        assertThat(WasteCategory.count()).isEqualTo(CategoryLook.ORDER.size());
    }

    private static double sum(CapacityTrend.Point point) {
        double total = 0;
        for (CategoryLook look : CategoryLook.ORDER) {
            total += point.gpus(look);
        }
        return total;
    }
}
