package dev.gpufleet.app;

import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigChange;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.connectors.kube.KubeconfigWatch;
import dev.gpufleet.views.clusters.ClusterListViewModel;
import java.time.Duration;
import javafx.application.Platform;
import javafx.scene.layout.VBox;

/// Shows kubeconfig edits in the console (the session has already connected, reconnected or
/// disconnected what changed): the cluster list gets the new contexts and loses the gone ones,
/// and a kubeconfig that stopped parsing shows its file and line above the list until fixed.
/// Calls come on the watch's thread and are handed to the FX thread.
final class KubeconfigEdits implements KubeconfigWatch.Listener {

    /// How often the files are looked at besides the file system's change events (which network
    /// file systems do not send).
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    private final ConsolePlan plan;
    private final ClusterListViewModel clusters;
    private final VBox banners;

    KubeconfigEdits(ConsolePlan plan, ClusterListViewModel clusters, VBox banners) {
        this.plan = plan;
        this.clusters = clusters;
        this.banners = banners;
    }

    @Override
    public void changed(Kubeconfig kubeconfig, KubeconfigChange change) {
        Platform.runLater(() -> {
            clusters.showEntries(plan.entriesFor(kubeconfig));
            clusters.showKubeconfigProblem("");
            // The start-up banner said the kubeconfig could not be read; now it can.
            banners.getChildren().removeIf(banner -> banner.getStyleClass().contains("kubeconfig-problem"));
        });
    }

    @Override
    public void failed(KubeconfigException problem) {
        String text = "Your edited kubeconfig cannot be read, so the contexts it listed before stay: "
                + problem.getMessage();
        Platform.runLater(() -> clusters.showKubeconfigProblem(text));
    }
}
