package dev.gpufleet.core.capacity;

import static dev.gpufleet.core.capacity.Fleets.A100;
import static dev.gpufleet.core.capacity.Fleets.H100;
import static dev.gpufleet.core.capacity.Fleets.T0;
import static dev.gpufleet.core.capacity.Fleets.gpu;
import static dev.gpufleet.core.capacity.Fleets.migGpu;
import static dev.gpufleet.core.capacity.Fleets.node;
import static dev.gpufleet.core.capacity.Fleets.nodeSnapshot;
import static dev.gpufleet.core.capacity.Fleets.pod;
import static dev.gpufleet.core.capacity.Fleets.ref;
import static dev.gpufleet.core.capacity.Fleets.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Hand-checked small fleets: every category's GPU-hours worked out on paper.
class WasteLedgerTest {

    private static final double EPS = 1e-9;
    private static final WasteSettings HOURLY = new WasteSettings(5, Duration.ofSeconds(60), Duration.ofHours(2));
    private static final PodRecord TRAIN = pod("ml", "train-5d8f7c9b4-x2x7q", "n1", "Running",
            new OwnerRef("ReplicaSet", "train-5d8f7c9b4"), Map.of("nvidia.com/gpu", 1L));
    private static final PodRecord NOTEBOOK = pod("lab", "notebook-0", "n1", "Running",
            new OwnerRef("StatefulSet", "notebook"), Map.of("nvidia.com/gpu", 1L));
    private static final PodRecord JOB = pod("ml", "sweep-7-abcde", "n3", "Running",
            new OwnerRef("Job", "sweep-7"), Map.of("nvidia.com/gpu", 1L));
    private static final PodRecord INFER = pod("serve", "infer", "n4", "Running", null,
            Map.of("nvidia.com/mig-3g.40gb", 1L));
    private static final PodRecord BIG = pod("ml", "pretrain-0", null, "Pending",
            new OwnerRef("Job", "pretrain"), Map.of("nvidia.com/gpu", 8L));
    private static final PodRecord MIG_WANT = pod("lab", "tiny", null, "Pending", null,
            Map.of("nvidia.com/mig-2g.20gb", 1L));

    /// n1 (pool train, 4 H100): busy 80%, idle 2%, free, failing. n2 (cordoned, 2 H100).
    /// n3 (2 H100): one stale, one at 50% GPU_UTIL. n4 (1 A100 in MIG: 3g.40gb busy 50%,
    /// 1g.10gb free, 3 slices not partitioned). An 8-GPU pod waits, so free GPUs are stranded.
    static FleetSnapshot fleet(Instant time, double trainEnergyMillijoules, List<PodRecord> pending) {
        NodeSnapshot n1 = nodeSnapshot(node("n1", false, Map.of("nvidia.com/gpu", 4L), Map.of("gpufleet.dev/pool", "train")),
                List.of(gpu(0, H100, Health.HEALTHY, values(Metric.SM_ACTIVE, 0.8, Metric.GPU_UTIL, 100,
                                Metric.TOTAL_ENERGY, trainEnergyMillijoules, Metric.POWER_USAGE, 700), time, ref(TRAIN)),
                        gpu(1, H100, Health.HEALTHY, values(Metric.SM_ACTIVE, 0.02, Metric.POWER_USAGE, 100), time,
                                ref(NOTEBOOK)),
                        gpu(2, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0, Metric.POWER_USAGE, 60), time),
                        gpu(3, H100, Health.FAILING, values(Metric.GPU_UTIL, 0), time)),
                TRAIN, NOTEBOOK);
        NodeSnapshot n2 = nodeSnapshot(node("n2", true, Map.of("nvidia.com/gpu", 2L), Map.of()),
                List.of(gpu(0, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0), time),
                        gpu(1, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0), time)));
        NodeSnapshot n3 = nodeSnapshot(node("n3", false, Map.of("nvidia.com/gpu", 2L), Map.of()),
                List.of(gpu(0, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0), time.minusSeconds(600)),
                        gpu(1, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 50), time, ref(JOB))),
                JOB);
        NodeSnapshot n4 = nodeSnapshot(node("n4", false,
                        Map.of("nvidia.com/mig-3g.40gb", 1L, "nvidia.com/mig-1g.10gb", 1L), Map.of()),
                List.of(migGpu(0, A100, time,
                        new MigSample(1, "3g.40gb", values(Metric.SM_ACTIVE, 0.5), List.of(ref(INFER))),
                        new MigSample(2, "1g.10gb", values(Metric.GR_ENGINE_ACTIVE, 0), List.of()))),
                INFER);
        return new FleetSnapshot(1, time, List.of(new ClusterSnapshot("c1", Fleets.live(), List.of(n1, n2, n3, n4),
                pending)));
    }

    private static WasteReport oneHour(List<PodRecord> pending) {
        WasteLedger ledger = new WasteLedger(HOURLY, GpuPrices.defaults());
        ledger.accept(fleet(T0, 0, pending));
        ledger.accept(fleet(T0.plusSeconds(3600), 3.6e9, pending));
        return ledger.report();
    }

    @Test
    void everyCategoryOfOneHourIsWhatWasWorkedOutOnPaper() {
        WasteAmounts fleet = oneHour(List.of(BIG, MIG_WANT)).fleet();

        assertThat(fleet.totalHours()).isCloseTo(9, within(EPS));
        assertThat(fleet.hours(WasteCategory.USED)).isCloseTo(0.8 + 0.5 + 3.0 / 7 * 0.5, within(EPS));
        assertThat(fleet.hours(WasteCategory.UNDERUSED)).isCloseTo(0.2 + 0.5 + 3.0 / 7 * 0.5, within(EPS));
        assertThat(fleet.hours(WasteCategory.IDLE_ALLOCATED)).isCloseTo(1, within(EPS));
        assertThat(fleet.hours(WasteCategory.STRANDED)).isCloseTo(1 + 4.0 / 7, within(EPS));
        assertThat(fleet.hours(WasteCategory.FREE)).isZero();
        assertThat(fleet.hours(WasteCategory.OUT_OF_SERVICE)).isCloseTo(3, within(EPS));
        assertThat(fleet.hours(WasteCategory.UNKNOWN)).isCloseTo(1, within(EPS));
        assertThat(fleet.allocatedHours()).isCloseTo(1 + 1 + 1 + 3.0 / 7, within(EPS));
    }

    @Test
    void withNothingPendingFreeGpusAreFreeNotStranded() {
        WasteAmounts fleet = oneHour(List.of()).fleet();

        assertThat(fleet.hours(WasteCategory.STRANDED)).isZero();
        assertThat(fleet.hours(WasteCategory.FREE)).isCloseTo(1 + 4.0 / 7, within(EPS));
    }

    @Test
    void aPendingPodThatFitsSomewhereStrandsOnlyTheNodesThatCannotTakeIt() {
        PodRecord two = pod("ml", "pair", null, "Pending", null, Map.of("nvidia.com/gpu", 2L));

        WasteReport report = oneHour(List.of(two));

        assertThat(row(report, WasteScope.NODE, "c1/n1").hours(WasteCategory.FREE)).isCloseTo(1, within(EPS));
        assertThat(row(report, WasteScope.NODE, "c1/n4").hours(WasteCategory.STRANDED)).isCloseTo(4.0 / 7, within(EPS));
    }

    @Test
    void rollUpsByPoolNamespaceAndWorkloadCarryTheirShare() {
        WasteReport report = oneHour(List.of(BIG));

        assertThat(row(report, WasteScope.POOL, "c1/train").totalHours()).isCloseTo(4, within(EPS));
        assertThat(row(report, WasteScope.POOL, "c1/" + PoolLabels.NO_POOL).totalHours()).isCloseTo(5, within(EPS));
        assertThat(row(report, WasteScope.WORKLOAD, "c1/ml/Deployment/train").hours(WasteCategory.USED))
                .isCloseTo(0.8, within(EPS));
        assertThat(row(report, WasteScope.WORKLOAD, "c1/lab/StatefulSet/notebook").hours(WasteCategory.IDLE_ALLOCATED))
                .isCloseTo(1, within(EPS));
        assertThat(row(report, WasteScope.WORKLOAD, "c1/ml/Job/sweep-7").allocatedHours()).isCloseTo(1, within(EPS));
        assertThat(row(report, WasteScope.WORKLOAD, "c1/serve/Pod/infer").allocatedHours()).isCloseTo(3.0 / 7, within(EPS));
        assertThat(row(report, WasteScope.NAMESPACE, "c1/ml").allocatedHours()).isCloseTo(2, within(EPS));
        assertThat(report.topWasters(5)).extracting(WasteReport.Row::key).containsExactly("c1/lab/StatefulSet/notebook");
    }

    @Test
    void costIsHoursTimesTheModelsPrice() {
        WasteAmounts fleet = oneHour(List.of(BIG)).fleet();

        assertThat(fleet.dollars(WasteCategory.IDLE_ALLOCATED)).isCloseTo(3.00, within(EPS));
        assertThat(fleet.dollars(WasteCategory.STRANDED)).isCloseTo(3.00 + 4.0 / 7 * 1.80, within(EPS));
        assertThat(fleet.idleDollars()).isCloseTo(6.00 + 4.0 / 7 * 1.80, within(EPS));
    }

    @Test
    void energyComesFromTheCounterAndElseFromPowerTimesTime() {
        WasteReport report = oneHour(List.of(BIG));

        WasteAmounts n1 = row(report, WasteScope.NODE, "c1/n1");
        // 3.6e9 mJ over the hour on GPU 0: 1 kWh, 80% used, 20% underused (not its 700 W).
        assertThat(n1.kwh(WasteCategory.USED)).isCloseTo(0.8, within(EPS));
        assertThat(n1.kwh(WasteCategory.UNDERUSED)).isCloseTo(0.2, within(EPS));
        // No counter: 100 W idle-allocated and 60 W stranded for an hour.
        assertThat(n1.kwh(WasteCategory.IDLE_ALLOCATED)).isCloseTo(0.1, within(EPS));
        assertThat(n1.kwh(WasteCategory.STRANDED)).isCloseTo(0.06, within(EPS));
    }

    @Test
    void aCounterThatWentDownIsAResetAndPowerTimesTimeIsUsed() {
        WasteLedger ledger = new WasteLedger(HOURLY, GpuPrices.defaults());
        ledger.accept(fleet(T0, 5e9, List.of()));
        ledger.accept(fleet(T0.plusSeconds(3600), 1e6, List.of()));

        WasteAmounts n1 = row(ledger.report(), WasteScope.NODE, "c1/n1");

        assertThat(n1.kwh(WasteCategory.USED) + n1.kwh(WasteCategory.UNDERUSED)).isCloseTo(0.7, within(EPS));
    }

    @Test
    void aGapLongerThanTheLimitIsUnknownBeyondIt() {
        WasteLedger ledger = new WasteLedger(new WasteSettings(5, Duration.ofSeconds(60), Duration.ofMinutes(15)),
                GpuPrices.defaults());
        ledger.accept(fleet(T0, 0, List.of()));
        ledger.advanceTo(T0.plusSeconds(3600));

        WasteAmounts fleet = ledger.report().fleet();

        assertThat(fleet.totalHours()).isCloseTo(9, within(EPS));
        assertThat(fleet.hours(WasteCategory.UNKNOWN)).isCloseTo(1 * 0.25 + 9 * 0.75, within(EPS));
    }

    @Test
    void hourlyBucketsSplitAnIntervalAtTheHour() {
        WasteLedger ledger = new WasteLedger(HOURLY, GpuPrices.defaults());
        ledger.accept(fleet(T0.plusSeconds(1800), 0, List.of()));
        ledger.advanceTo(T0.plusSeconds(5400));

        List<WasteReport.Row> trend = ledger.report().trend();

        assertThat(trend).extracting(WasteReport.Row::key)
                .containsExactly("2026-11-26T03:00:00Z", "2026-11-26T04:00:00Z");
        assertThat(trend).allSatisfy(row -> assertThat(row.amounts().totalHours()).isCloseTo(4.5, within(EPS)));
    }

    @Test
    void theIdleThresholdIsConfigurable() {
        WasteLedger ledger = new WasteLedger(HOURLY.withIdleBelowPercent(60), GpuPrices.defaults());
        ledger.accept(fleet(T0, 0, List.of()));
        ledger.advanceTo(T0.plusSeconds(3600));

        // Now 50% (n3's job, the MIG instance) and 2% are idle; only 80% is busy.
        assertThat(ledger.report().fleet().hours(WasteCategory.IDLE_ALLOCATED)).isCloseTo(2 + 3.0 / 7, within(EPS));
    }

    @Test
    void gpuPodsTheExporterDoesNotAttributeHoldTheNodesFreeGpus() {
        PodRecord unseen = pod("ml", "quiet", "n9", "Running", new OwnerRef("Job", "quiet"), Map.of("nvidia.com/gpu", 2L));
        NodeSnapshot n9 = nodeSnapshot(node("n9", false, Map.of("nvidia.com/gpu", 3L), Map.of()),
                List.of(gpu(0, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0), T0),
                        gpu(1, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0), T0),
                        gpu(2, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 0), T0)), unseen);
        WasteLedger ledger = new WasteLedger(HOURLY, GpuPrices.defaults());
        ledger.accept(new FleetSnapshot(1, T0, List.of(new ClusterSnapshot("c", Fleets.live(), List.of(n9)))));
        ledger.advanceTo(T0.plusSeconds(3600));

        WasteReport report = ledger.report();

        assertThat(report.fleet().hours(WasteCategory.IDLE_ALLOCATED)).isCloseTo(2, within(EPS));
        assertThat(report.fleet().hours(WasteCategory.FREE)).isCloseTo(1, within(EPS));
        assertThat(row(report, WasteScope.WORKLOAD, "c/ml/Job/quiet").hours(WasteCategory.IDLE_ALLOCATED))
                .isCloseTo(2, within(EPS));
    }

    @Test
    void aGpuSharedByTwoPodsIsSplitEvenly() {
        PodRecord a = pod("x", "a", "n1", "Running", null, Map.of("nvidia.com/gpu", 1L));
        PodRecord b = pod("y", "b", "n1", "Running", null, Map.of("nvidia.com/gpu", 1L));
        NodeSnapshot n1 = nodeSnapshot(node("n1", false, Map.of("nvidia.com/gpu", 1L), Map.of()),
                List.of(gpu(0, H100, Health.HEALTHY, values(Metric.SM_ACTIVE, 0.5), T0, ref(a), ref(b))), a, b);
        WasteLedger ledger = new WasteLedger(HOURLY, GpuPrices.defaults());
        ledger.accept(new FleetSnapshot(1, T0, List.of(new ClusterSnapshot("c", Fleets.live(), List.of(n1)))));
        ledger.advanceTo(T0.plusSeconds(3600));

        WasteReport report = ledger.report();

        assertThat(row(report, WasteScope.NAMESPACE, "c/x").hours(WasteCategory.USED)).isCloseTo(0.25, within(EPS));
        assertThat(row(report, WasteScope.NAMESPACE, "c/y").allocatedHours()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void anEmptyLedgerReportsAnEmptyFleet() {
        WasteReport report = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults()).report();

        assertThat(report.fleet().totalHours()).isZero();
        assertThat(report.rows()).hasSize(1);
    }

    static WasteAmounts row(WasteReport report, WasteScope scope, String key) {
        List<String> keys = new ArrayList<>();
        for (WasteReport.Row row : report.rows(scope)) {
            keys.add(row.key());
            if (row.key().equals(key)) {
                return row.amounts();
            }
        }
        throw new AssertionError("no " + scope + " row " + key + " among " + keys);
    }
}
