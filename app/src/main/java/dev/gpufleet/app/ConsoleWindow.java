package dev.gpufleet.app;

import dev.gpufleet.app.actions.SessionDiagnostics;
import dev.gpufleet.app.actions.SessionNodeOperations;
import dev.gpufleet.core.actions.NodeDiagnostics;
import dev.gpufleet.connectors.topology.ProbeOptions;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.FleetViewModel;
import dev.gpufleet.views.clusters.ClusterEntry;
import dev.gpufleet.views.clusters.ClusterListView;
import dev.gpufleet.views.clusters.ClusterListViewModel;
import dev.gpufleet.views.clusters.ReadOnlyContexts;
import dev.gpufleet.views.audit.AuditView;
import dev.gpufleet.views.audit.AuditViewModel;
import dev.gpufleet.views.device.DeviceViewModel;
import dev.gpufleet.views.fx.Toasts;
import dev.gpufleet.views.time.HistoryAccess;
import dev.gpufleet.views.triage.DiagnosticsViewModel;
import dev.gpufleet.views.triage.TriagePanel;
import dev.gpufleet.views.triage.TriageSource;
import dev.gpufleet.views.triage.TriageViewModel;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/// The console's content: the cluster list on the left, the fleet screen in the middle, and a
/// banner on top when the kubeconfig or the saved per-context settings could not be read.
public final class ConsoleWindow extends BorderPane {

    /// The scene-wide stylesheet a console window's scene carries (popups included).
    public static final String STYLESHEET =
            Objects.requireNonNull(ConsoleWindow.class.getResource("console.css")).toExternalForm();

    /// Room left under the notification cards for the fleet screen's status bar.
    private static final double STATUS_BAR_HEIGHT = 36;

    private final FleetScreen screen;
    private final ClusterListViewModel clusters;
    private final ConsoleActions actions;
    private final ConsoleCapacity capacity;
    private final ConsoleRebalance rebalance;
    /// Failure notifications, as cards over the bottom-right corner (above the status bar).
    private final Toasts toasts = new Toasts();

    /// A console whose per-context settings live in memory only (tests, screenshots).
    public ConsoleWindow(FleetSession session, ConsolePlan plan, TaskExecutor background, Clock clock) {
        this(session, plan, background, clock, ContextSettings.inMemory());
    }

    ConsoleWindow(FleetSession session, ConsolePlan plan, TaskExecutor background, Clock clock,
                  ContextSettings settings) {
        this(session, plan, background, clock, settings, new AuditLog(PlatformPaths.auditLog()));
    }

    /// As the others, auditing node actions to `audit`.
    ConsoleWindow(FleetSession session, ConsolePlan plan, TaskExecutor background, Clock clock,
                  ContextSettings settings, AuditLog audit) {
        getStyleClass().add("console-window");
        FleetViewModel fleet = new FleetViewModel(session.store()::current, clock,
                cluster -> Optional.of(session.scrapeInterval(cluster)),
                new DeviceViewModel(session.store()::readHistory, Platform::runLater));
        fleet.useHistory(HistoryAccess.of(session.store()::readHistory, session.store()::current), Platform::runLater);
        screen = new FleetScreen(fleet);
        NodeWindows nodes = new NodeWindows(fleet.snapshotProperty(),
                new SessionTopologySource(session, ProbeOptions.defaults()), background);
        SessionNodeOperations operations = new SessionNodeOperations(session, audit, settings::isProduction,
                settings::isReadOnly);
        actions = new ConsoleActions(screen, operations, background);
        screen.setOnOpenNode(selection -> nodes.open(selection, getScene() == null ? null : getScene().getWindow()));
        wireTriageAndAudit(session, background, clock, settings, audit);
        capacity = new ConsoleCapacity(session, screen, background,
                settings.file().map(file -> CapacitySettings.defaultPricesFile()));
        rebalance = new ConsoleRebalance(session, screen, operations, background);
        capacity.setOnRebalance(rebalance::open);
        SessionClusterControl control = new SessionClusterControl(session, background, clock, settings);
        clusters = new ClusterListViewModel(plan.entries(), plan.connectAtStart(), control);
        fleet.snapshotProperty().subscribe(clusters::update);
        FailureNotifier failures = new FailureNotifier(screen, this, toasts,
                work -> Thread.ofVirtual().name("gpufleet-failure-watch").start(work), Platform::runLater);
        fleet.snapshotProperty().subscribe(snapshot -> {
            if (snapshot != null) {
                failures.accept(snapshot);
            }
        });
        setLeft(new ClusterListView(clusters));
        setCenter(screen);
        VBox banners = new VBox();
        if (plan.kubeconfigProblem() != null) {
            banners.getChildren().add(banner("kubeconfig-problem",
                    "Your kubeconfig could not be read, so only the demo fleet is listed: " + plan.kubeconfigProblem()));
        }
        if (plan.location() != null) {
            session.followKubeconfig(plan.location(), new KubeconfigEdits(plan, clusters, banners),
                    KubeconfigEdits.POLL_INTERVAL);
        }
        settings.problem().ifPresent(problem -> banners.getChildren().add(banner("settings-problem", problem)));
        setTop(banners);
        // Last, so the cards are drawn over the rest.
        getChildren().add(toasts);
        for (ClusterEntry entry : plan.entries()) {
            if (plan.connectAtStart().contains(entry.name())) {
                control.connect(entry);
            }
        }
    }

    /// Keeps failure notifications out of sight (headless screenshots).
    void hideNotifications() {
        toasts.setVisible(false);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        toasts.placeIn(getWidth(), getHeight(), STATUS_BAR_HEIGHT);
    }

    /// "Triage" opens the selected GPU's triage, with DCGM diagnostics of its node; "Audit log"
    /// the log of cluster-changing actions.
    private void wireTriageAndAudit(FleetSession session, TaskExecutor background, Clock clock,
                                    ContextSettings settings, AuditLog audit) {
        TriageSource triage = new SessionTriageSource(session, background, clock,
                settings.file().isPresent() ? TriageSettings.defaultFile() : null);
        NodeDiagnostics diagnostics = new SessionDiagnostics(session, audit, settings::isReadOnly,
                SessionDiagnostics.DEFAULT_NAMESPACE);
        screen.setOnTriage(
                gpu -> TriagePanel.openWindow(getScene() == null ? null : getScene().getWindow(),
                        new TriageViewModel(triage, Platform::runLater, gpu.cluster(), gpu.node(),
                                Optional.of(gpu.index())),
                        new DiagnosticsViewModel(diagnostics, background, Platform::runLater, gpu.cluster(), gpu.node())),
                () -> AuditView.openWindow(getScene() == null ? null : getScene().getWindow(),
                        new AuditViewModel(() -> background.supply(audit::read), Platform::runLater)));
    }

    private static Label banner(String styleClass, String text) {
        Label banner = new Label(text);
        banner.setWrapText(true);
        banner.getStyleClass().addAll(styleClass, "danger");
        banner.setStyle("-fx-padding: 6 10; -fx-background-color: -color-danger-muted;");
        banner.setMaxWidth(Double.MAX_VALUE);
        return banner;
    }

    public FleetScreen screen() {
        return screen;
    }

    /// The "Actions" menu's wiring (its view model, the drain dialog opened last).
    ConsoleActions actions() {
        return actions;
    }

    /// The "Capacity" button's wiring (the ledger, the window opened last).
    ConsoleCapacity capacity() {
        return capacity;
    }

    /// The "Rebalance" button's wiring (the window opened last).
    ConsoleRebalance rebalance() {
        return rebalance;
    }

    /// The cluster list, which also answers which contexts are read-only ([ReadOnlyContexts]).
    public ClusterListViewModel clusters() {
        return clusters;
    }
}
