package dev.gpufleet.app;

import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.FleetViewModel;
import dev.gpufleet.views.clusters.ClusterEntry;
import dev.gpufleet.views.clusters.ClusterListView;
import dev.gpufleet.views.clusters.ClusterListViewModel;
import java.time.Clock;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/// The console's content: the cluster list on the left, the fleet screen in the middle, and a
/// banner on top when the kubeconfig could not be read.
public final class ConsoleWindow extends BorderPane {

    private final FleetScreen screen;
    private final ClusterListViewModel clusters;

    public ConsoleWindow(FleetSession session, ConsolePlan plan, TaskExecutor background, Clock clock) {
        getStyleClass().add("console-window");
        FleetViewModel fleet = new FleetViewModel(session.store()::current, clock);
        screen = new FleetScreen(fleet);
        SessionClusterControl control = new SessionClusterControl(session, background, clock);
        clusters = new ClusterListViewModel(plan.entries(), plan.connectAtStart(), control);
        fleet.snapshotProperty().subscribe(clusters::update);
        setLeft(new ClusterListView(clusters));
        setCenter(screen);
        if (plan.kubeconfigProblem() != null) {
            Label banner = new Label("Your kubeconfig could not be read, so only the demo fleet is listed: "
                    + plan.kubeconfigProblem());
            banner.setWrapText(true);
            banner.getStyleClass().addAll("kubeconfig-problem", "danger");
            banner.setStyle("-fx-padding: 6 10; -fx-background-color: -color-danger-muted;");
            setTop(banner);
        }
        for (ClusterEntry entry : plan.entries()) {
            if (plan.connectAtStart().contains(entry.name())) {
                control.connect(entry);
            }
        }
    }

    public FleetScreen screen() {
        return screen;
    }

    public ClusterListViewModel clusters() {
        return clusters;
    }
}
