package dev.gpufleet.app;

import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigChange;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.connectors.kube.KubeconfigLocation;
import dev.gpufleet.connectors.kube.KubeconfigWatch;
import dev.gpufleet.core.history.HistoryArchive;
import dev.gpufleet.core.history.HistoryBudget;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.sim.cluster.Churn;
import dev.gpufleet.sim.cluster.ChurnRate;
import dev.gpufleet.sim.cluster.ChurnStats;
import dev.gpufleet.views.clusters.ClusterEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Everything a running console or command holds: the fleet store, one connection per
/// connected cluster, and the in-process demo simulator once the demo fleet is connected.
///
/// The demo fleet is reached exactly like a real cluster: through its own kubeconfig, over
/// HTTPS, by the same connector code.
public final class FleetSession implements AutoCloseable {

    /// The demo fleet's name in the cluster list and in snapshots.
    public static final String DEMO = "demo-fleet";
    /// The demo scrapes every 2 s so the heatmap visibly moves.
    static final Duration DEMO_SCRAPE_INTERVAL = Duration.ofSeconds(2);
    /// MI300X nodes the demo fleet has beside its NVIDIA ones, so a mixed fleet shows.
    public static final int DEMO_AMD_NODES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(FleetSession.class);

    private final FleetStore store;
    private Kubeconfig kubeconfig;
    private @Nullable KubeconfigWatch kubeconfigWatch;
    private final SimConfig demoConfig;
    private final ConnectionOptions options;
    private final Map<String, ClusterConnection> connections = new LinkedHashMap<>();
    private @Nullable SimulatorServer demoServer;
    private @Nullable LocalMachineFeed localMachine;
    private @Nullable Kubeconfig demoKubeconfig;
    private @Nullable ChurnRate demoChurn;
    private BiFunction<String, ConnectionOptions, ConnectionOptions> perCluster = (name, base) -> base;

    public FleetSession(FleetStore store, Kubeconfig kubeconfig, SimConfig demoConfig, ConnectionOptions options) {
        this.store = store;
        this.kubeconfig = kubeconfig;
        this.demoConfig = demoConfig;
        this.options = options;
    }

    /// The demo fleet: the simulator's default NVIDIA fleet plus [#DEMO_AMD_NODES] MI300X nodes,
    /// so NVIDIA and AMD GPUs show in one heatmap.
    public static SimConfig demoConfig() {
        return SimConfig.defaults().withAmdNodes(DEMO_AMD_NODES);
    }

    /// A store that saves each cluster's metric history under `historyRoot` so it survives a
    /// restart; the demo fleet is not saved (it is simulated afresh each time). Its history
    /// keeps to [#historyConfig()]'s budget.
    public static FleetStore persistentStore(Path historyRoot) {
        return new FleetStore(Clock.systemUTC(), historyConfig(),
                new HistoryArchive(historyRoot, HistoryArchive.DEFAULT_BYTE_BUDGET, cluster -> !DEMO.equals(cluster)));
    }

    /// The console's history: [HistoryConfig#defaults()] (6 h at 10 s) within the budget that
    /// `--history-budget` or `-Dgpufleet.history.budget` sets, else [HistoryBudget#DEFAULT].
    ///
    /// @throws IllegalArgumentException when the property is not a size
    public static HistoryConfig historyConfig() {
        return HistoryConfig.defaults().withBudget(HistoryBudget.fromSystemProperties());
    }

    /// Where this user's metric history lives on this platform: its data directory +
    /// `history` (see [PlatformDirectories]).
    public static Path defaultHistoryRoot() {
        return PlatformDirectories.data().resolve("history");
    }

    static Path historyRoot(Map<String, String> env, String osName, Path home) {
        return PlatformDirectories.data(osName, home, env).resolve("history");
    }

    public FleetStore store() {
        return store;
    }

    public synchronized Kubeconfig kubeconfig() {
        return kubeconfig;
    }

    /// Follows edits of the kubeconfig files at `location`: each good edit is applied
    /// ([#applyKubeconfig]) and then told to `listener`, as is a file that stopped parsing
    /// (the contexts read before stay). The watch ends with the session. Calls come on the
    /// watch's thread.
    public synchronized void followKubeconfig(KubeconfigLocation location, KubeconfigWatch.Listener listener,
            Duration pollInterval) {
        if (kubeconfigWatch != null) {
            kubeconfigWatch.close();
        }
        kubeconfigWatch = KubeconfigWatch.start(location, kubeconfig, new KubeconfigWatch.Listener() {
            @Override
            public void changed(Kubeconfig edited, KubeconfigChange change) {
                applyKubeconfig(edited, change);
                listener.changed(edited, change);
            }

            @Override
            public void failed(KubeconfigException problem) {
                listener.failed(problem);
            }
        }, pollInterval);
    }

    /// Uses an edited kubeconfig from now on: connected contexts that went are disconnected
    /// (their nodes leave the fleet), connected contexts whose server or credentials changed
    /// reconnect, and every other connection is left alone. A context that can no longer be
    /// connected shows why in its status.
    public synchronized void applyKubeconfig(Kubeconfig edited, KubeconfigChange change) {
        kubeconfig = edited;
        for (String removed : change.removed()) {
            if (connections.containsKey(removed)) {
                LOG.info("{} left the kubeconfig; disconnecting it", removed);
                disconnect(removed);
            }
        }
        for (String changed : change.changed()) {
            if (connections.containsKey(changed)) {
                LOG.info("{} changed in the kubeconfig; reconnecting it", changed);
                disconnect(changed);
                try {
                    connect(changed);
                } catch (KubeconfigException | RuntimeException failed) {
                    store.connection(changed, SessionClusterControl.problemStatus(failed, Clock.systemUTC().instant()));
                }
            }
        }
    }

    /// Connects the named context, or the demo fleet for [#DEMO], and returns its connection
    /// (already started). Connecting a connected cluster returns the existing connection.
    public synchronized ClusterConnection connect(String name) throws KubeconfigException {
        ClusterConnection existing = connections.get(name);
        if (existing != null) {
            return existing;
        }
        ClusterConnection connection = DEMO.equals(name)
                ? ClusterConnection.open(demoKubeconfig(), DEMO, store, options.withScrapeInterval(DEMO_SCRAPE_INTERVAL))
                : ClusterConnection.open(kubeconfig, name, store, perCluster.apply(name, options));
        connections.put(name, connection);
        connection.start();
        return connection;
    }

    /// Makes the demo fleet churn as `rate` says once its simulator starts (see [Churn]).
    public synchronized void churnTheDemo(ChurnRate rate) {
        demoChurn = rate;
    }

    /// What the demo fleet's churn has done so far, or empty without churn or demo.
    public synchronized Optional<ChurnStats> demoChurnStats() {
        return Optional.ofNullable(demoServer).flatMap(SimulatorServer::churn).map(Churn::stats);
    }

    /// Lists this machine's GPUs (read through NVML) as one more cluster; the session closes it.
    synchronized void useLocalMachine(LocalMachineFeed feed) {
        localMachine = feed;
    }

    /// The local machine's entry for the cluster list, where NVML was found.
    synchronized Optional<ClusterEntry> localMachineEntry() {
        return Optional.ofNullable(localMachine).map(LocalMachineFeed::entry);
    }

    /// Starts the local machine's feed if `name` is it; answers whether it was.
    synchronized boolean connectLocalMachine(String name) {
        if (localMachine == null || !LocalMachineFeed.NAME.equals(name)) {
            return false;
        }
        localMachine.start();
        return true;
    }

    /// A client for acting on the named context (or the demo fleet); the caller closes it.
    public synchronized ClusterActions actions(String name) throws KubeconfigException {
        return DEMO.equals(name) ? ClusterActions.open(demoKubeconfig(), DEMO) : ClusterActions.open(kubeconfig, name);
    }

    /// Lets each context's connection open with its own options (e.g. its chosen telemetry
    /// source), derived from the session's; applies from the next [#connect].
    public synchronized void adjustOptionsPerCluster(BiFunction<String, ConnectionOptions, ConnectionOptions> adjust) {
        perCluster = adjust;
    }

    /// How often the named cluster's telemetry is read: 2 s for the demo fleet, else the
    /// session's scrape interval.
    public Duration scrapeInterval(String name) {
        if (localMachine != null && LocalMachineFeed.NAME.equals(name)) {
            return LocalMachineFeed.INTERVAL;
        }
        return DEMO.equals(name) ? DEMO_SCRAPE_INTERVAL : options.scrapeInterval();
    }

    /// Closes the cluster's connection and drops it from the fleet; the demo simulator stops
    /// when the demo fleet is disconnected.
    public synchronized void disconnect(String name) {
        ClusterConnection connection = connections.remove(name);
        if (connection != null) {
            connection.close();
            store.removeCluster(name);
        }
        if (DEMO.equals(name)) {
            stopDemo();
        }
        if (localMachine != null && LocalMachineFeed.NAME.equals(name)) {
            localMachine.stop();
        }
    }

    public synchronized List<ClusterConnection> connections() {
        return List.copyOf(connections.values());
    }

    @Override
    public synchronized void close() {
        if (kubeconfigWatch != null) {
            kubeconfigWatch.close();
            kubeconfigWatch = null;
        }
        for (String name : new ArrayList<>(connections.keySet())) {
            disconnect(name);
        }
        stopDemo();
        if (localMachine != null) {
            localMachine.close();
        }
        store.close();
    }

    private Kubeconfig demoKubeconfig() throws KubeconfigException {
        if (demoKubeconfig == null) {
            try {
                demoServer = SimulatorServer.start(demoConfig);
            } catch (IOException e) {
                throw new UncheckedIOException("the demo fleet's simulator could not start: " + e.getMessage(), e);
            }
            if (demoChurn != null) {
                demoServer.startChurn(demoChurn);
            }
            demoKubeconfig = Kubeconfig.fromText(demoServer.kubeconfigYaml(DEMO), "the demo fleet");
            LOG.info("Demo fleet simulator listening at {}", demoServer.baseUri());
        }
        return demoKubeconfig;
    }

    private void stopDemo() {
        if (demoServer != null) {
            demoServer.close();
            demoServer = null;
            demoKubeconfig = null;
        }
    }
}
