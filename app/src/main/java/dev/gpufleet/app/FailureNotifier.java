package dev.gpufleet.app;

import dev.gpufleet.core.alerts.FailureWatch;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/// Pops a notification in the corner of the screen when a GPU turns failing ([FailureWatch]
/// decides which); clicking it selects that GPU in the heatmap. Runs on the FX thread, fed
/// every snapshot the fleet view shows; stays quiet until the console's window is showing.
final class FailureNotifier implements Consumer<FleetSnapshot> {

    static final String STYLE_CLASS = "gpu-failure-notification";
    private static final Duration SHOWN_FOR = Duration.seconds(20);

    private final FailureWatch watch = new FailureWatch();
    private final FleetScreen screen;
    private final Node owner;

    FailureNotifier(FleetScreen screen, Node owner) {
        this.screen = screen;
        this.owner = owner;
    }

    @Override
    public void accept(FleetSnapshot snapshot) {
        List<FailureWatch.Failure> turned = watch.update(snapshot);
        if (turned.isEmpty() || owner.getScene() == null || owner.getScene().getWindow() == null
                || !owner.getScene().getWindow().isShowing()) {
            return;
        }
        FailureWatch.Failure first = turned.getFirst();
        Notifications.create()
                .title(turned.size() == 1 ? "GPU failing" : turned.size() + " GPUs failing")
                .text(FailureWatch.summarize(turned) + "\nClick to select it; open triage from its details.")
                .owner(owner.getScene().getWindow())
                .hideAfter(SHOWN_FOR)
                .styleClass(STYLE_CLASS)
                .onAction(event -> screen.selectGpu(new GpuSelection(first.cluster(), first.node(), first.index(), null)))
                .showError();
    }
}
