package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.app.ScaleBench;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncBenchTest {

    @Test
    void theVerdictPassesOnlyWhenEveryGoalIsMet() {
        String pass = SyncBench.verdict(result(Duration.ofSeconds(41), 900L << 20, Duration.ofMillis(90)));
        String fail = SyncBench.verdict(result(Duration.ofSeconds(75), 1600L << 20, Duration.ofMillis(90)));

        assertThat(pass).startsWith("verdict: PASS").contains("inventory 41.0 s (goal ≤ 60 s)", "heap 900 MiB")
                .doesNotContain("missed");
        assertThat(fail).startsWith("verdict: FAIL").endsWith("missed: inventory, heap");
    }

    @Test
    void aLongPulseGapFailsResponsiveness() {
        assertThat(SyncBench.verdict(result(Duration.ofSeconds(30), 500L << 20, Duration.ofMillis(400))))
                .startsWith("verdict: FAIL").contains("longest pulse gap 400 ms (goal ≤ 250 ms)")
                .endsWith("missed: responsiveness");
    }

    private static ScaleBench.Result result(Duration inventory, long heap, Duration gap) {
        return new ScaleBench.Result(inventory, inventory.plusSeconds(20), heap / 2, heap / 2, heap, gap, 12_500,
                200_000, 100_000, 100_000, List.of("syncing 12,500 nodes, 84,000 / ~200,000 pods"),
                Duration.ofSeconds(50), Duration.ofSeconds(70));
    }
}
