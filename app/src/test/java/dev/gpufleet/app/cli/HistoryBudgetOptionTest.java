package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.core.history.HistoryBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// `--history-budget` and `-Dgpufleet.history.budget`: a bad size is one clear line before any
/// window opens; a good one reaches the console's store.
class HistoryBudgetOptionTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(HistoryBudget.PROPERTY);
        System.clearProperty(HistoryBudget.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(HistoryBudget.PROPERTY);
        } else {
            System.setProperty(HistoryBudget.PROPERTY, before);
        }
    }

    @Test
    void aBudgetThatIsNotASizeSaysHowToWriteOne() {
        CliRun run = CliRun.of("--history-budget", "lots", "--demo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gpufleet: --history-budget: history budget 'lots' is not a size")
                .contains("384m").doesNotContain("Exception");
    }

    @Test
    void aBadPropertyIsNamedToo() {
        System.setProperty(HistoryBudget.PROPERTY, "2x");

        CliRun run = CliRun.of("--demo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("-D" + HistoryBudget.PROPERTY).contains("'2x'");
    }

    @Test
    void theOptionSetsTheBudgetOfTheConsolesHistory() {
        GpufleetCommand command = new GpufleetCommand();
        command.historyBudget = "1g";

        command.applyHistoryBudget();

        assertThat(FleetSession.historyConfig().budget().bytes()).isEqualTo(1L << 30);
        System.clearProperty(HistoryBudget.PROPERTY);
        assertThat(FleetSession.historyConfig().budget())
                .isEqualTo(HistoryBudget.forHeap(Runtime.getRuntime().maxMemory()));
    }
}
