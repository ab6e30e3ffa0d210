package dev.gpufleet.views.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.TimeStripData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/// The scrubber's and the GPU × time heatmap's models, without a window.
class TimeModelsTest {

    private static final FleetSnapshot LIVE = TestFleets.simple(7, 2, 4);
    private final RecordedHistory history = new RecordedHistory(LIVE, 60);
    private final List<@Nullable FleetSnapshot> replayed = new ArrayList<>();

    private TimeScrubberModel scrubber() {
        TimeScrubberModel model = new TimeScrubberModel(history, replayed::add, Runnable::run);
        model.refreshRange();
        return model;
    }

    private static GpuSnapshot gpu(FleetSnapshot snapshot, int node, int index) {
        return snapshot.clusters().getFirst().nodes().get(node).gpus().get(index);
    }

    @Test
    void scrubbingReplaysTheFleetAsTheHistoryHeldItAndLiveReturns() {
        TimeScrubberModel model = scrubber();
        Instant tenMinutesAgo = LIVE.time().minus(Duration.ofSeconds(590));

        model.scrubToFraction(0);

        assertThat(model.liveProperty().get()).isFalse();
        assertThat(model.positionProperty().get()).isEqualTo(tenMinutesAgo);
        FleetSnapshot then = replayed.getLast();
        assertThat(then.time()).isEqualTo(tenMinutesAgo);
        assertThat(gpu(then, 1, 3).utilizationPercent()).isEqualTo(RecordedHistory.utilization(0, 3));
        assertThat(model.fraction()).isZero();

        model.step(Duration.ofMinutes(1));
        assertThat(gpu(replayed.getLast(), 0, 2).utilizationPercent()).isEqualTo(RecordedHistory.utilization(6, 2));

        model.goLive();
        assertThat(replayed.getLast()).isNull();
        assertThat(model.liveProperty().get()).isTrue();
        assertThat(model.fraction()).isEqualTo(1.0);
    }

    @Test
    void aScrubBeyondTheHistoryStopsAtItsEnds() {
        TimeScrubberModel model = scrubber();

        model.scrubTo(LIVE.time().minus(Duration.ofDays(1)));
        assertThat(model.positionProperty().get()).isEqualTo(LIVE.time().minus(Duration.ofSeconds(590)));
        model.scrubTo(LIVE.time().plus(Duration.ofDays(1)));
        assertThat(model.positionProperty().get()).isEqualTo(LIVE.time());
    }

    @Test
    void anAnswerOvertakenByALaterScrubIsDropped() {
        CompletableFuture<FleetSnapshot> slow = new CompletableFuture<>();
        HistoryAccess slowFirst = new HistoryAccess() {
            private int calls;

            @Override
            public CompletableFuture<java.util.Optional<Window>> window() {
                return history.window();
            }

            @Override
            public CompletableFuture<FleetSnapshot> snapshotAt(Instant time) {
                return calls++ == 0 ? slow : history.snapshotAt(time);
            }

            @Override
            public CompletableFuture<HistoryMatrix> matrix(List<dev.gpufleet.core.history.GpuKey> gpus,
                    dev.gpufleet.core.metrics.Metric metric, Instant until, int columns, int bucketTicks) {
                return history.matrix(gpus, metric, until, columns, bucketTicks);
            }
        };
        TimeScrubberModel model = new TimeScrubberModel(slowFirst, replayed::add, Runnable::run);
        model.refreshRange();

        model.scrubToFraction(0.1);
        model.scrubToFraction(0.9);
        slow.complete(FleetSnapshot.empty(Instant.EPOCH));

        assertThat(replayed).hasSize(1);
        assertThat(replayed.getFirst().time()).isAfter(LIVE.time().minus(Duration.ofMinutes(2)));
    }

    @Test
    void theGpuByTimeMatrixHoldsEachBucketsMeanInDisplayUnits() {
        List<GpuSelection> rows = List.of(new GpuSelection("c1", TestFleets.nodeName("c1", 0), 1,
                TestFleets.uuid(TestFleets.nodeName("c1", 0), 1)), new GpuSelection("c1", "gone-node", 0, "GPU-x"));
        GpuTimeModel model = new GpuTimeModel(history, rows, Runnable::run);

        HistoryMatrix read = model.matrixProperty().get();
        assertThat(read).isNotNull();
        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.columns()).isEqualTo(GpuTimeModel.COLUMNS);
        // Ten minutes over 60 columns: one 10 s tick per bucket; the newest bucket is tick 59.
        TimeStripData strip = model.stripData();
        assertThat(strip.value(0, 59)).isEqualTo((float) RecordedHistory.utilization(59, 1));
        assertThat(strip.value(0, 0)).isEqualTo((float) RecordedHistory.utilization(0, 1));
        assertThat(strip.value(1, 30)).isNaN();
        assertThat(model.describe(0, 59)).contains("GPU 1").endsWith(" · 91 %");
        assertThat(model.describe(1, 59)).endsWith("not reported");
        assertThat(model.messageProperty().get()).contains("2 GPUs × 60 buckets of 10 s");

        model.spanProperty().set(GpuTimeModel.Span.ONE_HOUR);
        // An hour over 60 columns: six ticks per bucket; only the last ten buckets hold data.
        assertThat(model.stripData().value(0, 49)).isNaN();
        assertThat(model.stripData().value(0, 59)).isNotNaN();
    }
}
