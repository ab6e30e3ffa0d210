package dev.gpufleet.app;

import dev.gpufleet.core.alerts.FailureWatch;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.fx.NewestOnly;
import dev.gpufleet.views.fx.Toasts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.util.Duration;

/// Pops a notification in the corner of the screen when a GPU turns failing ([FailureWatch]
/// decides which); clicking it selects that GPU in the heatmap. Fed every snapshot the fleet
/// view shows, on the FX thread; stays quiet until the console's window is showing.
///
/// The watch looks at every node a snapshot changed, which is every node of a 100,000-GPU fleet
/// when its first telemetry lands, so it runs on `background` (newest snapshot only, see
/// [NewestOnly]) and only the card is made on the FX thread. The card is a [Toasts] card in
/// the console's own scene: ControlsFX's popup notifications (a native window each) froze the
/// window for a third of a second when the first one appeared on a big fleet.
final class FailureNotifier implements Consumer<FleetSnapshot> {

    static final String STYLE_CLASS = "gpu-failure-notification";
    /// Set to `false` to keep notifications from showing (robot tests whose clicks land where a
    /// card could appear).
    static final String ENABLED_PROPERTY = "gpufleet.notifications";
    /// How long a notification stays, in seconds (20 unless set: robot tests on a loaded machine
    /// lengthen it so the one that looks for it still finds it).
    static final String SHOWN_FOR_PROPERTY = "gpufleet.notifications.seconds";
    private static final double SHOWN_FOR_SECONDS = 20;

    private final FailureWatch watch = new FailureWatch();
    private final NewestOnly<FleetSnapshot, List<FailureWatch.Failure>> watching;
    private final List<FailureWatch.Failure> pending = new ArrayList<>();
    private final FleetScreen screen;
    private final Node owner;
    private final Toasts toasts;

    /// Watches on `background`; shows cards in `toasts` (over `owner`) through `fx` (the FX thread).
    FailureNotifier(FleetScreen screen, Node owner, Toasts toasts, Executor background, Executor fx) {
        this.screen = screen;
        this.owner = owner;
        this.toasts = toasts;
        this.watching = new NewestOnly<>("Looking for GPUs that turned failing", watch::update,
                (snapshot, turned) -> notify(turned), background, fx);
    }

    private static Duration shownFor() {
        try {
            return Duration.seconds(Double.parseDouble(
                    System.getProperty(SHOWN_FOR_PROPERTY, Double.toString(SHOWN_FOR_SECONDS))));
        } catch (NumberFormatException e) {
            return Duration.seconds(SHOWN_FOR_SECONDS);
        }
    }

    @Override
    public void accept(FleetSnapshot snapshot) {
        watching.submit(snapshot);
    }

    private void notify(List<FailureWatch.Failure> turned) {
        pending.addAll(turned);
        if ("false".equals(System.getProperty(ENABLED_PROPERTY))) {
            pending.clear();
            return;
        }
        if (pending.isEmpty() || owner.getScene() == null || owner.getScene().getWindow() == null
                || !owner.getScene().getWindow().isShowing()) {
            // Not before the window shows: the next snapshot tries again.
            return;
        }
        List<FailureWatch.Failure> shown = List.copyOf(pending);
        pending.clear();
        FailureWatch.Failure first = shown.getFirst();
        toasts.show(shown.size() == 1 ? "GPU failing" : shown.size() + " GPUs failing",
                FailureWatch.summarize(shown) + "\nClick to select it; open triage from its details.", shownFor(),
                () -> screen.selectGpu(new GpuSelection(first.cluster(), first.node(), first.index(), null)),
                STYLE_CLASS, "danger");
    }
}
