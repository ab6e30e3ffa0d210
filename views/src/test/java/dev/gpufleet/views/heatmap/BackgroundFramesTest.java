package dev.gpufleet.views.heatmap;

import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import java.util.ArrayDeque;
import java.util.Queue;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// Frames of big fleets built off the FX thread ([FleetHeatmap#buildFramesOn]): the shown frame
/// changes only when the newest build is handed back, an outdated build is dropped, small
/// fleets are still built at once, and the selection follows its GPU. The executors are run by
/// hand, so each interleaving is exact.
@ExtendWith(ApplicationExtension.class)
class BackgroundFramesTest {

    /// Fleets of 20 GPUs or more are built in the background here.
    private static final int FROM_GPUS = 20;

    /// Made in [#start], once the toolkit runs (a control's class needs it).
    private FleetHeatmap heatmap;
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Queue<Runnable> fx = new ArrayDeque<>();

    @Start
    void start(Stage stage) {
        heatmap = new FleetHeatmap();
        heatmap.setPrefSize(600, 400);
        stage.setScene(new Scene(new StackPane(heatmap), 600, 400));
        stage.show();
    }

    @BeforeEach
    void buildInTheBackground() {
        onFx(() -> {
            heatmap.buildFramesOn(background::add, fx::add, FROM_GPUS);
            return null;
        });
    }

    private void show(int... gpusPerNode) {
        onFx(() -> {
            heatmap.setSnapshot(TestFleets.withGpuCounts(gpusPerNode));
            return null;
        });
    }

    private int shownGpus() {
        return onFx(() -> heatmap.getFrame().gpuCount());
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    private void runFx() {
        onFx(() -> {
            for (Runnable task = fx.poll(); task != null; task = fx.poll()) {
                task.run();
            }
            return null;
        });
    }

    @Test
    void aSmallFleetIsBuiltAtOnceAndABigOneWhenItsBuildIsHandedBack() {
        show(8, 8);
        assertThat(shownGpus()).as("16 GPUs: below the threshold, built on the FX thread").isEqualTo(16);
        assertThat(background).isEmpty();

        show(8, 8, 8);
        assertThat(shownGpus()).as("the previous frame stays while the big one is built").isEqualTo(16);
        assertThat(onFx(heatmap::isBuildingFrame)).isTrue();

        runBackground();
        assertThat(shownGpus()).as("built, but not yet handed to the FX thread").isEqualTo(16);
        runFx();
        assertThat(shownGpus()).isEqualTo(24);
        assertThat(onFx(heatmap::isBuildingFrame)).isFalse();
    }

    @Test
    void snapshotsThatArriveDuringABuildCollapseIntoTheNewest() {
        show(8, 8, 8);
        show(8, 8, 8, 8);
        show(8, 8, 8, 8, 8);

        assertThat(background).as("one build at a time").hasSize(1);
        runBackground();
        runFx();

        assertThat(shownGpus()).isEqualTo(40);
        assertThat(onFx(() -> heatmap.getFrame().snapshot().gpuCount())).isEqualTo(40);
    }

    @Test
    void aBuildOvertakenByANewerSnapshotIsDropped() {
        show(8, 8, 8);
        runBackground();
        show(8, 8, 8, 8);

        runFx();
        assertThat(shownGpus()).as("the 24-GPU build came back after a newer request: not shown").isEqualTo(0);

        runBackground();
        runFx();
        assertThat(shownGpus()).isEqualTo(32);
    }

    @Test
    void aFleetShrinkingBelowTheThresholdIsBuiltAtOnceOnceTheBigFrameIsGone() {
        show(8, 8, 8);
        runBackground();
        runFx();
        show(4, 4);

        assertThat(shownGpus()).as("24 → 8 GPUs: the shown frame is big, so this build is a background one too")
                .isEqualTo(24);
        runBackground();
        runFx();
        assertThat(shownGpus()).isEqualTo(8);

        show(4, 4, 4);
        assertThat(shownGpus()).as("8 → 12 GPUs: both below the threshold, built at once").isEqualTo(12);
        assertThat(background).isEmpty();
    }

    @Test
    void aBigBuildStillRunningWhenASmallFleetIsBuiltAtOnceIsDropped() {
        show(8, 8, 8);
        runBackground();
        show(4);
        // A newer request was built at once on the FX thread (the shown frame was still empty).
        assertThat(shownGpus()).isEqualTo(4);

        runFx();
        assertThat(shownGpus()).as("the older 24-GPU build does not replace the newer frame").isEqualTo(4);
    }

    @Test
    void theSelectedGpuIsFoundInTheFrameBuiltInTheBackground() {
        GpuSelection target = new GpuSelection("c1", "n2", 3, null);
        show(8, 8, 8);
        runBackground();
        runFx();
        onFx(() -> {
            heatmap.select(target);
            return null;
        });
        assertThat(onFx(heatmap::getSelectedOrdinal)).isEqualTo(19);

        show(4, 8, 8);
        runBackground();
        runFx();

        assertThat(onFx(heatmap::getSelectedOrdinal)).isEqualTo(15);
        assertThat(onFx(heatmap::getSelectedGpu)).matches(target::sameGpu);
    }
}
