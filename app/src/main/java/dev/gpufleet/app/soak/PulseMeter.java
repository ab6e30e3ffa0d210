package dev.gpufleet.app.soak;

import dev.gpufleet.views.heatmap.FleetHeatmap;
import java.util.Arrays;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.scene.Scene;
import org.jspecify.annotations.Nullable;

/// Times the FX pulses from outside the views, adding no work to the heatmap's own path.
///
/// Its [AnimationTimer] is started before the console is built, so it runs first in every
/// pulse (the toolkit calls timers in the order they started): that is the pulse's start. The
/// scene's post-layout pulse listener marks the end of the pulse's work on the FX thread
/// (animation timers, where the fleet view takes the new snapshot and the heatmap flattens and
/// paints its frame, then CSS and layout). On pulses where the heatmap's frame changed, that
/// span is the heatmap's frame preparation time. The gap between two pulse starts is the pulse
/// interval (16.7 ms at 60 Hz when the FX thread keeps up).
///
/// Everything here runs on the FX thread; [#drain()] too.
final class PulseMeter {

    private final Samples gaps = new Samples();
    private final Samples frames = new Samples();
    private final Runnable afterLayout = this::pulseDone;
    private final InvalidationListener frameChanged = observable -> frameChangedThisPulse = true;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulseStarted();
        }
    };
    private long pulseStart;
    private long lastPulse;
    private boolean frameChangedThisPulse;
    private long frameCount;
    private long pulseCount;
    private @Nullable Scene scene;
    private @Nullable FleetHeatmap heatmap;

    /// Starts timing pulses; call before the console's own timers start.
    void start() {
        timer.start();
    }

    /// Watches the console's scene and heatmap once they exist.
    void attach(Scene target, FleetHeatmap map) {
        scene = target;
        heatmap = map;
        target.addPostLayoutPulseListener(afterLayout);
        map.frameProperty().addListener(frameChanged);
    }

    void stop() {
        timer.stop();
        if (scene != null) {
            scene.removePostLayoutPulseListener(afterLayout);
        }
        if (heatmap != null) {
            heatmap.frameProperty().removeListener(frameChanged);
        }
    }

    private void pulseStarted() {
        long now = System.nanoTime();
        if (lastPulse != 0) {
            gaps.add(now - lastPulse);
        }
        lastPulse = now;
        pulseStart = now;
        pulseCount++;
    }

    private void pulseDone() {
        if (frameChangedThisPulse && pulseStart != 0) {
            frames.add(System.nanoTime() - pulseStart);
            frameCount++;
        }
        frameChangedThisPulse = false;
        pulseStart = 0;
    }

    /// The pulses and frames since the last drain, and starts a new window.
    Window drain() {
        Window window = new Window(pulseCount, gaps.percentile(0.5), gaps.percentile(0.99), gaps.max(), frameCount,
                frames.percentile(0.5), frames.percentile(0.99), frames.max());
        gaps.clear();
        frames.clear();
        pulseCount = 0;
        frameCount = 0;
        return window;
    }

    /// One window's figures, in milliseconds; NaN where nothing was measured.
    record Window(long pulses, double gapP50, double gapP99, double gapMax, long frames, double frameP50,
            double frameP99, double frameMax) {
    }

    // Nanosecond durations of one window; sorted only when read.
    private static final class Samples {
        private long[] values = new long[4_096];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        double percentile(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            Arrays.sort(values, 0, size);
            int index = Math.min(size - 1, (int) Math.ceil(p * size) - 1);
            return values[Math.max(0, index)] / 1e6;
        }

        double max() {
            return size == 0 ? Double.NaN : Arrays.stream(values, 0, size).max().orElse(0) / 1e6;
        }

        void clear() {
            size = 0;
        }
    }
}
