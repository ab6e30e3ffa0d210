package dev.gpufleet.sim.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExporterFaultsTest {

    private static ExporterFaults fleetOf(int nodes) {
        return new ExporterFaults(IntStream.range(0, nodes).mapToObj(i -> "gpu-node-" + i).toList());
    }

    @Test
    void aFractionIsSpreadEvenlyAndNeverRoundsToNoNode() {
        ExporterFaults faults = fleetOf(64);

        int[] chosen = faults.failFraction(0.05, ExporterFaults.Fault.ERROR_500);

        assertThat(chosen).containsExactly(0, 21, 42);
        assertThat(faults.failingCount()).isEqualTo(3);
        assertThat(faults.failingNodes()).containsExactly("gpu-node-0", "gpu-node-21", "gpu-node-42");
        assertThat(ExporterFaults.spread(0.001, 10)).containsExactly(0);
        assertThat(ExporterFaults.spread(1, 4)).containsExactly(0, 1, 2, 3);
        assertThat(ExporterFaults.spread(0.5, 0)).isEmpty();
    }

    @Test
    void switchesAreAddressedByIndexOrNameAndClearAgain() {
        ExporterFaults faults = fleetOf(4);
        faults.fail("gpu-node-2", ExporterFaults.Fault.TIMEOUT);
        faults.fail(3, ExporterFaults.Fault.TRUNCATED);

        assertThat(faults.faultOf(2)).isEqualTo(ExporterFaults.Fault.TIMEOUT);
        assertThat(faults.faultOf(3)).isEqualTo(ExporterFaults.Fault.TRUNCATED);
        assertThat(faults.faultOf(0)).isNull();
        assertThat(faults.faultOf(-1)).as("a node outside the fleet has no fault").isNull();

        faults.clear("gpu-node-2");
        assertThat(faults.failingNodes()).containsExactly("gpu-node-3");
        faults.clearAll();
        assertThat(faults.failingCount()).isZero();
        assertThatThrownBy(() -> faults.fail("gpu-node-9", ExporterFaults.Fault.ERROR_500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node \"gpu-node-9\"");
    }

    @Test
    void theFlagNamesFaultAndFraction() {
        assertThat(ExporterFaults.Spec.parse("500")).isEqualTo(new ExporterFaults.Spec(ExporterFaults.Fault.ERROR_500, 1));
        assertThat(ExporterFaults.Spec.parse("timeout:0.25"))
                .isEqualTo(new ExporterFaults.Spec(ExporterFaults.Fault.TIMEOUT, 0.25));
        assertThat(ExporterFaults.Spec.parse("Truncated")).extracting(ExporterFaults.Spec::fault)
                .isEqualTo(ExporterFaults.Fault.TRUNCATED);
        assertThatThrownBy(() -> ExporterFaults.Spec.parse("404"))
                .hasMessageContaining("unknown exporter fault \"404\"").hasMessageContaining("500, timeout or truncated");
        assertThatThrownBy(() -> ExporterFaults.Spec.parse("500:half")).hasMessageContaining("500:0.05");
        assertThatThrownBy(() -> ExporterFaults.Spec.parse("500:1.5")).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> ExporterFaults.Spec.parse("500:0")).hasMessageContaining("above 0");
    }

    @Test
    void aHangEndsWhenTheFaultClearsOrItsTimeIsUp() throws Exception {
        ExporterFaults faults = fleetOf(2);
        faults.fail(0, ExporterFaults.Fault.TIMEOUT);
        faults.hangFor(Duration.ofMillis(50));
        assertThat(faults.awaitHang(0)).as("still hanging when the time is up").isTrue();
        assertThat(faults.awaitHang(1)).as("a healthy node does not hang").isFalse();

        faults.hangFor(Duration.ofMinutes(5));
        Thread clearer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            faults.clearAll();
        });
        assertThat(faults.awaitHang(0)).as("cleared while hanging").isFalse();
        clearer.join();
        assertThat(List.of(faults.toString())).containsExactly("ExporterFaults[0 of 2 failing]");
    }
}
