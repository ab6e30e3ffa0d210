package dev.gpufleet.app;

import dev.gpufleet.core.alerts.FailureWatch;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.fx.NewestOnly;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/// Pops a notification in the corner of the screen when a GPU turns failing ([FailureWatch]
/// decides which); clicking it selects that GPU in the heatmap. Fed every snapshot the fleet
/// view shows, on the FX thread; stays quiet until the console's window is showing.
///
/// The watch looks at every node a snapshot changed, which is every node of a 100,000-GPU fleet
/// when its first telemetry lands, so it runs on `background` (newest snapshot only, see
/// [NewestOnly]) and only the popup is made on the FX thread. ControlsFX adds its notification
/// stylesheet to the owner's scene the first time it shows one, which restyles every node of
/// the scene at once (half a second on a big fleet); the stylesheet is added here as soon as the
/// owner has a scene instead, when the scene is styled anyway.
final class FailureNotifier implements Consumer<FleetSnapshot> {

    static final String STYLE_CLASS = "gpu-failure-notification";
    /// Set to `false` to keep notifications from popping (robot tests that click menus under a
    /// window manager-less display, where a popup takes the focus the next click needs).
    static final String ENABLED_PROPERTY = "gpufleet.notifications";
    /// How long a notification stays, in seconds (20 unless set: robot tests on a loaded machine
    /// lengthen it so the one that looks for it still finds it).
    static final String SHOWN_FOR_PROPERTY = "gpufleet.notifications.seconds";
    private static final double SHOWN_FOR_SECONDS = 20;

    private static final String POPUP_STYLESHEET =
            Notifications.class.getResource("notificationpopup.css").toExternalForm();

    private final FailureWatch watch = new FailureWatch();
    private final NewestOnly<FleetSnapshot, List<FailureWatch.Failure>> watching;
    private final List<FailureWatch.Failure> pending = new ArrayList<>();
    private final FleetScreen screen;
    private final Node owner;

    /// Watches on `background`; notifies through `fx` (the FX thread).
    FailureNotifier(FleetScreen screen, Node owner, Executor background, Executor fx) {
        this.screen = screen;
        this.owner = owner;
        this.watching = new NewestOnly<>("Looking for GPUs that turned failing", watch::update,
                (snapshot, turned) -> notify(turned), background, fx);
        owner.sceneProperty().subscribe(FailureNotifier::preparePopupStyles);
    }

    /// Puts ControlsFX's notification stylesheet first on `scene` (once), as its first notification would.
    static void preparePopupStyles(Scene scene) {
        if (scene != null && !scene.getStylesheets().contains(POPUP_STYLESHEET)) {
            scene.getStylesheets().addFirst(POPUP_STYLESHEET);
        }
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
        watching.submit(snapshot);
    }

    private void notify(List<FailureWatch.Failure> turned) {
        pending.addAll(turned);
        if ("false".equals(System.getProperty(ENABLED_PROPERTY))) {
            pending.clear();
            return;
        }
        if (pending.isEmpty() || owner.getScene() == null || owner.getScene().getWindow() == null
                || !owner.getScene().getWindow().isShowing() || menuOpen()) {
            // Not over an open menu (a popup appearing would close it): the next snapshot tries again.
            return;
        }
        List<FailureWatch.Failure> shown = List.copyOf(pending);
        pending.clear();
        FailureWatch.Failure first = shown.getFirst();
        Notifications.create()
                .title(shown.size() == 1 ? "GPU failing" : shown.size() + " GPUs failing")
                .text(FailureWatch.summarize(shown) + "\nClick to select it; open triage from its details.")
                .owner(owner.getScene().getWindow())
                .hideAfter(shownFor())
                .styleClass(STYLE_CLASS)
                .onAction(event -> screen.selectGpu(new GpuSelection(first.cluster(), first.node(), first.index(), null)))
                .showError();
    }
}
