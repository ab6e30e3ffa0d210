package dev.gpufleet.core.mig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmdPartitioningTest {

    @Test
    void mi300xSplitsItsEightXcdsByMode() {
        assertThat(AmdPartitioning.of("AMD Instinct MI300X OAM", "cpx")).hasValueSatisfying(p -> {
            assertThat(p.product()).isEqualTo("MI300X");
            assertThat(p.partitions()).isEqualTo(8);
            assertThat(p.width()).isEqualTo(1);
            assertThat(p.start(5)).isEqualTo(5);
            assertThat(p.start(8)).isEqualTo(-1);
        });
        assertThat(AmdPartitioning.of("AMD Instinct MI300X OAM", "QPX")).hasValueSatisfying(p -> {
            assertThat(p.width()).isEqualTo(2);
            assertThat(p.start(3)).isEqualTo(6);
        });
        assertThat(AmdPartitioning.of("AMD Instinct MI325X", "spx").orElseThrow().partitions()).isEqualTo(1);
    }

    @Test
    void mi300aHasSixXcdsAndATriplePartitionMode() {
        assertThat(AmdPartitioning.of("AMD Instinct MI300A", "TPX")).hasValueSatisfying(p -> {
            assertThat(p.xcds()).isEqualTo(6);
            assertThat(p.width()).isEqualTo(2);
        });
        assertThat(AmdPartitioning.of("AMD Instinct MI300X", "TPX")).isEmpty();
    }

    @Test
    void unknownCardsAndModesAreEmpty() {
        assertThat(AmdPartitioning.of("AMD Radeon 8060S", "spx")).isEmpty();
        assertThat(AmdPartitioning.of("AMD Instinct MI300X", "XPX")).isEmpty();
        assertThat(AmdPartitioning.isAmdInstinct("AMD Instinct MI300X OAM")).isTrue();
        assertThat(AmdPartitioning.isAmdInstinct("NVIDIA H100 80GB HBM3")).isFalse();
    }
}
