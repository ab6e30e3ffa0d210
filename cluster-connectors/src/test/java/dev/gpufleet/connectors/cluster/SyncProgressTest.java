package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncProgressTest {

    @Test
    void showsCountsAndTheServersEstimateOfTheTotal() {
        SyncProgress progress = new SyncProgress();

        progress.nodePage(500, 12_000, false);
        progress.podPage(500, 199_500, false);
        progress.podPage(500, 199_000, false);

        assertThat(progress.message()).isEqualTo("syncing 500 / ~12,500 nodes, 1,000 / ~200,000 pods");
    }

    @Test
    void aFinishedListShowsItsCountAndOneWithoutEstimateSaysSoFar() {
        SyncProgress progress = new SyncProgress();

        progress.nodePage(500, 20, false);
        progress.nodePage(21, -1, true);
        progress.podPage(500, -1, false);

        assertThat(progress.message()).isEqualTo("syncing 521 nodes, 500 pods so far");
        assertThat(progress.nodes()).isEqualTo(521);
        assertThat(progress.pods()).isEqualTo(500);
    }
}
