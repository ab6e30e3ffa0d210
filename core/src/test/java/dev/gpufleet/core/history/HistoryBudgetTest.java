package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/// The fleet-scale budget (100k GPUs × 8 metrics × 1 h at 10 s in at most 400 MB), checked on
/// the exact array sizes of a smaller fleet: they grow linearly, one chunk of slots at a time.
/// The heap measurement at full size is `HistoryMemoryBench`'s job.
class HistoryBudgetTest {

    @Test
    void aHundredThousandGpusForAnHourFitInFourHundredMegabytes() {
        int gpus = 10 * FleetHistory.CHUNK_SLOTS;
        HistoryMemoryBench.Result result = HistoryMemoryBench.measure(gpus, Duration.ofHours(1));

        assertThat(result.metrics()).isEqualTo(8);
        assertThat(result.samplesPerRing()).isEqualTo(360);
        // The key table costs about 200 bytes per GPU on top (20 MB at 100k): keep that room.
        assertThat(result.arrayBytes() * (100_000.0 / gpus)).isLessThanOrEqualTo(380e6);
    }

    @Test
    void aFleetRecordedThroughItsBudgetStaysWithinIt() {
        // 10 chunks with the default budget scaled down as much: the 100k-GPU shape, 39 times smaller.
        int gpus = 10 * FleetHistory.CHUNK_SLOTS;
        HistoryBudget budget = new HistoryBudget(HistoryBudget.DEFAULT_BYTES * gpus / (391 * FleetHistory.CHUNK_SLOTS));
        HistoryMemoryBench.Result result = HistoryMemoryBench.measure(gpus, Duration.ofMinutes(75), budget);

        HistoryConfig config = new HistoryConfig(HistoryConfig.DEFAULT_RESOLUTION, Duration.ofMinutes(75),
                HistoryConfig.DEFAULT_METRICS, budget);
        assertThat(result.arrayBytes()).isLessThanOrEqualTo(budget.bytes());
        // The first frame brings every GPU: the rings are laid once, for exactly that many.
        assertThat(result.retention()).isEqualTo(budget.plan(config, gpus));
        assertThat(result.retention().hasCoarseTier()).isTrue();
    }
}
