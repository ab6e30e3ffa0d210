package dev.gpufleet.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

    private static FleetSnapshot fleet(Health... gpus) {
        List<GpuSnapshot> list = new ArrayList<>();
        for (int i = 0; i < gpus.length; i++) {
            boolean telemetry = gpus[i] != Health.UNKNOWN;
            list.add(new GpuSnapshot(i, "GPU-" + i, "NVIDIA H100", gpus[i], MetricValues.empty(), telemetry ? T0 : null,
                    List.of(), List.of()));
        }
        NodeRecord record = new NodeRecord("n1", Map.of(), false, true, List.of(), Map.of(), "v1.31", T0);
        NodeSnapshot node = new NodeSnapshot(record, list, List.of(), T0, null);
        return new FleetSnapshot(1, T0, List.of(new ClusterSnapshot("prod",
                ConnectionStatus.of(ConnectionState.LIVE, T0), List.of(node))));
    }

    @Test
    void failuresPresentAtConnectAreReportedOnceThenOnlyNewOnes() {
        FailureWatch watch = new FailureWatch();

        List<FailureWatch.Failure> first = watch.update(fleet(Health.HEALTHY, Health.FAILING));
        assertThat(first).singleElement().satisfies(f -> {
            assertThat(f.atConnect()).isTrue();
            assertThat(f.index()).isEqualTo(1);
        });
        assertThat(watch.update(fleet(Health.HEALTHY, Health.FAILING))).isEmpty();

        List<FailureWatch.Failure> later = watch.update(fleet(Health.FAILING, Health.FAILING));
        assertThat(later).singleElement().satisfies(f -> {
            assertThat(f.atConnect()).isFalse();
            assertThat(f.index()).isZero();
        });
        assertThat(FailureWatch.summarize(later)).isEqualTo("GPU 0 (NVIDIA H100) on n1 in prod turned failing.");
    }

    @Test
    void anExporterOutageIsNotARecoverySoTheSameFailureIsNotAnnouncedTwice() {
        FailureWatch watch = new FailureWatch();
        watch.update(fleet(Health.FAILING));

        assertThat(watch.update(fleet(Health.UNKNOWN))).isEmpty();
        assertThat(watch.update(fleet(Health.FAILING))).isEmpty();
        // A real recovery, then a new failure, is news again.
        assertThat(watch.update(fleet(Health.HEALTHY))).isEmpty();
        assertThat(watch.update(fleet(Health.FAILING))).hasSize(1);
    }

    @Test
    void manyFailuresMakeOneLine() {
        List<FailureWatch.Failure> failures = new FailureWatch().update(
                fleet(Health.FAILING, Health.FAILING, Health.FAILING, Health.FAILING, Health.FAILING));

        assertThat(FailureWatch.summarize(failures)).startsWith("5 GPUs are failing: GPU 0").endsWith("and 2 more.");
    }
}
