package dev.gpufleet.app;

import dev.gpufleet.core.alerts.FailureWatch;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/// Pops a notification in the corner of the screen when a GPU turns failing ([FailureWatch]
/// decides which); clicking it selects that GPU in the heatmap. Runs on the FX thread, fed
/// every snapshot the fleet view shows; stays quiet until the console's window is showing.
final class FailureNotifier implements Consumer<FleetSnapshot> {

    static final String STYLE_CLASS = "gpu-failure-notification";
    /// Set to `false` to keep notifications from popping (robot tests that click menus under a
    /// window manager-less display, where a popup takes the focus the next click needs).
    static final String ENABLED_PROPERTY = "gpufleet.notifications";
    /// How long a notification stays, in seconds (20 unless set: robot tests on a loaded machine
    /// lengthen it so the one that looks for it still finds it).
    static final String SHOWN_FOR_PROPERTY = "gpufleet.notifications.seconds";
    private static final double SHOWN_FOR_SECONDS = 20;

    private final FailureWatch watch = new FailureWatch();
    private final List<FailureWatch.Failure> pending = new ArrayList<>();
    private final FleetScreen screen;
    private final Node owner;

    FailureNotifier(FleetScreen screen, Node owner) {
        this.screen = screen;
        this.owner = owner;
    }

    private static boolean menuOpen() {
        return Window.getWindows().stream().anyMatch(window -> window instanceof ContextMenu && window.isShowing());
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
        pending.addAll(watch.update(snapshot));
        if ("false".equals(System.getProperty(ENABLED_PROPERTY))) {
            pending.clear();
            return;
        }
        if (pending.isEmpty() || owner.getScene() == null || owner.getScene().getWindow() == null
                || !owner.getScene().getWindow().isShowing() || menuOpen()) {
            // Not over an open menu (a popup appearing would close it): the next snapshot tries again.
            return;
        }
        List<FailureWatch.Failure> turned = List.copyOf(pending);
        pending.clear();
        FailureWatch.Failure first = turned.getFirst();
        Notifications.create()
                .title(turned.size() == 1 ? "GPU failing" : turned.size() + " GPUs failing")
                .text(FailureWatch.summarize(turned) + "\nClick to select it; open triage from its details.")
                .owner(owner.getScene().getWindow())
                .hideAfter(shownFor())
                .styleClass(STYLE_CLASS)
                .onAction(event -> screen.selectGpu(new GpuSelection(first.cluster(), first.node(), first.index(), null)))
                .showError();
    }
}
