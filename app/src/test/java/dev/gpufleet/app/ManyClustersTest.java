package dev.gpufleet.app;

import static dev.gpufleet.app.ClusterFixtures.closedPort;
import static dev.gpufleet.app.ClusterFixtures.exec;
import static dev.gpufleet.app.ClusterFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.app.actions.SessionNodeOperations;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.CommandSearch;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigChange;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.connectors.kube.KubeconfigLocation;
import dev.gpufleet.connectors.kube.KubeconfigWatch;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.views.clusters.ClusterEntry;
import dev.gpufleet.views.clusters.ClusterListView;
import dev.gpufleet.views.clusters.ClusterListViewModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// Twelve kubeconfig contexts connected at once over real HTTPS, as the console connects them:
/// seven live (three simulators through their admin, on-call and viewer users, one of them
/// through an exec credential plugin that only the login shell's PATH finds), one degraded (no
/// exporter pods where it looks), three unauthorized (a wrong token; an exec plugin that is not
/// installed; one that fails, quoting a token) and one unreachable (a closed port). Each reaches its own state with its own
/// message, in the cluster list and its banners; one is disconnected and reconnected from the
/// list; the kubeconfig file is edited under the running session; and nothing gpufleet logs or
/// writes holds a token.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledOnOs(OS.WINDOWS)
class ManyClustersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String PLUGIN = "gpufleet-test-exec-plugin";
    private static final String FAILING_PLUGIN = "gpufleet-test-failing-plugin";
    private static final String BAD_TOKEN = "wrong-token-4b1d0c5e9f";
    private static final Map<String, ConnectionState> EXPECTED = expected();

    @TempDir
    static Path dir;

    private final List<SimulatorServer> sims = new ArrayList<>();
    private final LogCapture logs = new LogCapture();
    private final FxRobot robot = new FxRobot();
    private List<ClusterFixtures.Context> contexts;
    private Path kubeconfigFile;
    private byte[] kubeconfigBytes;
    private FileTime kubeconfigTime;
    private FleetSession session;
    private SessionClusterControl control;
    private ClusterListViewModel model;
    private ContextSettings settings;
    private Path configDir;
    private Path dataDir;
    private String pluginToken;

    private static Map<String, ConnectionState> expected() {
        Map<String, ConnectionState> states = new LinkedHashMap<>();
        for (String live : List.of("a-admin", "a-viewer", "b-admin", "b-oncall", "b-viewer", "c-admin",
                "c-exec")) {
            states.put(live, ConnectionState.LIVE);
        }
        states.put("c-degraded", ConnectionState.DEGRADED);
        states.put("c-bad-token", ConnectionState.UNAUTHORIZED);
        states.put("c-no-plugin", ConnectionState.UNAUTHORIZED);
        states.put("a-plugin-fails", ConnectionState.UNAUTHORIZED);
        states.put("gone", ConnectionState.UNREACHABLE);
        return states;
    }

    @BeforeAll
    void connectTwelveContexts() throws Exception {
        FxToolkit.registerPrimaryStage();
        // A loaded build machine (several builds on two cores) can take longer than 20 s to show a stage.
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(60_000);
        logs.start();
        for (int seed = 1; seed <= 3; seed++) {
            sims.add(SimulatorServer.start(new SimConfig(2, 2, seed, 0, SimConfig.DEFAULT_BIND_ADDRESS)));
        }
        SimulatorServer a = sims.get(0);
        SimulatorServer b = sims.get(1);
        SimulatorServer c = sims.get(2);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        pluginToken = c.token(SimUser.VIEWER);
        ClusterFixtures.installPlugin(dir.resolve("sdk").resolve("bin"), PLUGIN, pluginToken);
        ClusterFixtures.installFailingPlugin(dir.resolve("sdk").resolve("bin"), FAILING_PLUGIN, a.token(SimUser.ONCALL));
        contexts = List.of(token("a-admin", a, SimUser.ADMIN), exec("a-plugin-fails", a, FAILING_PLUGIN),
                token("a-viewer", a, SimUser.VIEWER), token("b-admin", b, SimUser.ADMIN),
                token("b-oncall", b, SimUser.ONCALL), token("b-viewer", b, SimUser.VIEWER),
                token("c-admin", c, SimUser.ADMIN), exec("c-exec", c, PLUGIN),
                token("c-degraded", c, SimUser.ADMIN), token("c-bad-token", c, BAD_TOKEN),
                exec("c-no-plugin", c, "gpufleet-test-uninstalled-plugin"), closedPort("gone", closed, c.caCertificatePem()));
        kubeconfigFile = Files.createDirectories(dir.resolve("home").resolve(".kube")).resolve("config");
        Files.writeString(kubeconfigFile, ClusterFixtures.yaml(contexts));
        Files.setLastModifiedTime(kubeconfigFile, FileTime.fromMillis(1_700_000_000_000L));
        kubeconfigBytes = Files.readAllBytes(kubeconfigFile);
        kubeconfigTime = Files.getLastModifiedTime(kubeconfigFile);

        Kubeconfig kubeconfig = location().load().withCommandSearch(desktopSearch());
        ConnectionOptions options = ConnectionOptions.defaults().withScrapeInterval(Duration.ofSeconds(1))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(5))
                .withMaxRetryDelay(Duration.ofSeconds(2));
        session = new FleetSession(new FleetStore(), kubeconfig, SimConfig.defaults(), options);
        configDir = dir.resolve("config").resolve("gpufleet");
        dataDir = dir.resolve("data").resolve("gpufleet");
        settings = ContextSettings.load(configDir);
        control = new SessionClusterControl(session, new VirtualThreadTaskExecutor("test-clusters"), Clock.systemUTC(),
                settings);
        ConnectionOptions degraded = options.withExporters("gpu-operator", Map.of("app", "no-such-exporter"), 9400);
        session.adjustOptionsPerCluster((name, base) -> name.equals("c-degraded") ? degraded : base);
        List<ClusterEntry> entries = kubeconfig.contexts().stream()
                .map(context -> new ClusterEntry(context.name(), context.source())).toList();
        model = new ClusterListViewModel(entries, EXPECTED.keySet(), control);
        entries.forEach(control::connect);
    }

    private KubeconfigLocation location() {
        return new KubeconfigLocation(null, null, dir.resolve("home"));
    }

    /// A desktop launcher's short PATH; the login shell's profile adds the plugin's folder.
    private CommandSearch desktopSearch() throws Exception {
        Path home = dir.resolve("home");
        Files.writeString(home.resolve(".profile"), "PATH=\"$PATH:" + dir.resolve("sdk").resolve("bin") + "\"\n");
        return new CommandSearch(Map.of("PATH", "/usr/bin:/bin", "SHELL", "/bin/sh", "HOME", home.toString()), home,
                "Linux");
    }

    @AfterAll
    void closeEverything() throws Exception {
        FxToolkit.cleanupStages();
        if (session != null) {
            session.close();
        }
        sims.forEach(SimulatorServer::close);
        logs.stop();
    }

    private static FleetSnapshot awaitSnapshot(FleetStore store, Predicate<FleetSnapshot> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        FleetSnapshot snapshot = store.sync().get(10, TimeUnit.SECONDS);
        while (!condition.test(snapshot)) {
            assertThat(System.nanoTime()).as("condition met before the deadline; now " + states(snapshot))
                    .isLessThan(deadline);
            Thread.sleep(100);
            snapshot = store.sync().get(10, TimeUnit.SECONDS);
        }
        return snapshot;
    }

    private static Map<String, ConnectionState> states(FleetSnapshot snapshot) {
        Map<String, ConnectionState> states = new HashMap<>();
        snapshot.clusters().forEach(cluster -> states.put(cluster.name(), cluster.connection().state()));
        return states;
    }

    private void showInList(FleetSnapshot snapshot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.update(snapshot)).get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void eachOfTwelveContextsReachesItsOwnStateWithItsOwnMessage() throws Exception {
        FleetSnapshot snapshot = awaitSnapshot(session.store(), s -> states(s).equals(EXPECTED)
                && s.clusters().stream().filter(c -> c.connection().state() == ConnectionState.LIVE)
                        .allMatch(c -> c.nodes().size() == 2));
        showInList(snapshot);

        assertThat(model.items()).hasSize(12);
        EXPECTED.forEach((name, state) -> assertThat(model.item(name).stateProperty().get()).as(name).isEqualTo(state));
        assertThat(banner("a-admin")).isEmpty();
        assertThat(banner("c-bad-token")).startsWith("c-bad-token rejected the credentials: ")
                .contains("rejected the credentials of user \"c-bad-token-user\" (401 Unauthorized)");
        assertThat(banner("c-no-plugin")).startsWith("c-no-plugin rejected the credentials: ")
                .contains("The kubeconfig's user c-no-plugin-user runs `gpufleet-test-uninstalled-plugin`,"
                        + " which is not on PATH (looked in /usr/bin, /bin, ")
                .endsWith("Install it, or set its full path in the kubeconfig.");
        assertThat(banner("gone")).startsWith("gone cannot be reached: ").contains("connection refused");
        assertThat(banner("c-degraded")).startsWith("c-degraded is degraded: ")
                .contains("No GPU exporter pods were found", "app=no-such-exporter");
        assertThat(banner("a-plugin-fails")).startsWith("a-plugin-fails rejected the credentials: ");
        assertThat(model.items().stream().map(item -> item.bannerProperty().get())
                .filter(text -> !text.isEmpty()).distinct()).as("each problem has its own banner").hasSize(5);
    }

    private String banner(String name) {
        return model.item(name).bannerProperty().get();
    }

    @Test
    @Order(2)
    void theListShowsTwelveRowsEachWithItsStateAndBanner() throws Exception {
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new ClusterListView(model), 420, 1000));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup(".list-cell").queryAll().stream()
                .filter(cell -> ((ListCell<?>) cell).getItem() != null)).hasSize(12);
        Label unauthorized = robot.lookup("#cluster-banner-c-bad-token").queryAs(Label.class);
        assertThat(unauthorized.isVisible()).isTrue();
        assertThat(unauthorized.getText()).contains("401 Unauthorized");
        assertThat(unauthorized.getStyleClass()).contains("state-unauthorized");
        assertThat(robot.lookup("#cluster-banner-gone").queryAs(Label.class).getText()).contains("connection refused");
        assertThat(robot.lookup("#cluster-banner-c-degraded").queryAs(Label.class).getStyleClass())
                .contains("state-degraded");
        assertThat(robot.lookup("#cluster-banner-a-admin").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup(".cluster-state-dot.state-live").queryAll()).hasSize(7);
    }

    @Test
    @Order(3)
    void disconnectingOneContextFromTheListRemovesOnlyItsNodes() throws Exception {
        FleetSnapshot before = session.store().sync().get(10, TimeUnit.SECONDS);
        Map<String, Integer> nodesBefore = nodeCounts(before);

        WaitForAsyncUtils.asyncFx(() -> model.item("b-viewer").connectedProperty().set(false)).get(5, TimeUnit.SECONDS);
        FleetSnapshot after = awaitSnapshot(session.store(), s -> s.cluster("b-viewer").isEmpty());
        showInList(after);

        Map<String, Integer> expectedNodes = new HashMap<>(nodesBefore);
        expectedNodes.remove("b-viewer");
        assertThat(nodeCounts(after)).isEqualTo(expectedNodes);
        assertThat(model.item("b-viewer").stateProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(states(after).get("b-admin")).isEqualTo(ConnectionState.LIVE);

        WaitForAsyncUtils.asyncFx(() -> model.item("b-viewer").connectedProperty().set(true)).get(5, TimeUnit.SECONDS);
        FleetSnapshot back = awaitSnapshot(session.store(), s -> s.cluster("b-viewer")
                .filter(c -> c.connection().state() == ConnectionState.LIVE && c.nodes().size() == 2).isPresent());
        assertThat(nodeCounts(back)).isEqualTo(nodesBefore);
    }

    private static Map<String, Integer> nodeCounts(FleetSnapshot snapshot) {
        return snapshot.clusters().stream().collect(Collectors.toMap(ClusterSnapshot::name, c -> c.nodes().size()));
    }

    @Test
    @Order(4)
    void noTokenInAnyLogLineAuditEntrySettingOrFileAndTheKubeconfigIsUntouched() throws Exception {
        AuditLog audit = new AuditLog(Files.createDirectories(dataDir).resolve("audit.jsonl"));
        SessionNodeOperations operations = new SessionNodeOperations(session, audit, name -> false);
        String node = session.store().current().cluster("a-admin").orElseThrow().nodes().getFirst().name();
        operations.apply("a-admin", node, NodeChange.cordon());
        for (String refused : List.of("c-bad-token", "c-no-plugin", "a-viewer")) {
            try {
                operations.apply(refused, node, NodeChange.cordon());
            } catch (Exception expectedRefusal) {
                logs.record(expectedRefusal);
            }
        }
        control.chooseReadOnly(new ClusterEntry("a-admin", "~/.kube/config"), true);
        assertThat(audit.read()).hasSizeGreaterThanOrEqualTo(2);

        List<String> tokens = new ArrayList<>(List.of(BAD_TOKEN, pluginToken));
        for (SimulatorServer sim : sims) {
            for (SimUser user : SimUser.values()) {
                tokens.add(sim.token(user));
            }
        }
        assertThat(logs.lines()).as("log lines captured").isNotEmpty();
        for (String token : tokens) {
            assertThat(logs.lines()).noneMatch(line -> line.contains(token));
            assertThat(filesUnder(dir.resolve("config"), dir.resolve("data")))
                    .noneMatch(file -> contains(file, token));
            assertThat(session.store().current().clusters()).noneMatch(c -> String.valueOf(c.connection().message())
                    .contains(token));
        }
        assertThat(Files.readAllBytes(kubeconfigFile)).isEqualTo(kubeconfigBytes);
        assertThat(Files.getLastModifiedTime(kubeconfigFile)).isEqualTo(kubeconfigTime);
        assertThat(filesUnder(dir.resolve("home"))).containsExactlyInAnyOrder(kubeconfigFile,
                dir.resolve("home").resolve(".profile"));
        assertThat(filesUnder(dir.resolve("config"), dir.resolve("data"))).isNotEmpty()
                .noneMatch(file -> contains(file, "certificate-authority-data") || contains(file, "client.authentication"));
    }

    private static List<Path> filesUnder(Path... roots) throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    @Test
    @Order(5)
    void editsOfTheKubeconfigAddRemoveAndReconnectOnlyWhatChanged() throws Exception {
        BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        session.followKubeconfig(location(), new KubeconfigWatch.Listener() {
            @Override
            public void changed(Kubeconfig kubeconfig, KubeconfigChange change) {
                heard.add(change);
            }

            @Override
            public void failed(KubeconfigException problem) {
                heard.add(problem);
            }
        }, Duration.ofSeconds(30));
        FleetSnapshot before = session.store().sync().get(10, TimeUnit.SECONDS);
        ConnectionState untouched = before.cluster("a-admin").orElseThrow().connection().state();
        var aAdminSince = before.cluster("a-admin").orElseThrow().connection().since();

        List<ClusterFixtures.Context> edited = new ArrayList<>(ClusterFixtures.without(contexts, "a-viewer"));
        edited.replaceAll(context -> context.name().equals("b-oncall")
                ? token("b-oncall", sims.get(1), BAD_TOKEN) : context);
        edited.add(token("d-new", sims.get(0), SimUser.VIEWER));
        Path temporary = kubeconfigFile.resolveSibling("config.tmp");
        Files.writeString(temporary, ClusterFixtures.yaml(edited));
        Files.move(temporary, kubeconfigFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(heard.poll(20, TimeUnit.SECONDS))
                .isEqualTo(new KubeconfigChange(List.of("d-new"), List.of("a-viewer"), List.of("b-oncall")));
        FleetSnapshot after = awaitSnapshot(session.store(), s -> s.cluster("a-viewer").isEmpty()
                && s.cluster("b-oncall").map(c -> c.connection().state() == ConnectionState.UNAUTHORIZED).orElse(false));
        assertThat(after.cluster("a-admin").orElseThrow().connection().state()).isEqualTo(untouched);
        assertThat(after.cluster("a-admin").orElseThrow().connection().since()).as("not reconnected")
                .isEqualTo(aAdminSince);
        assertThat(session.kubeconfig().context("d-new")).isPresent();

        ConsolePlan plan = ConsolePlan.forKubeconfig(location().load(), List.of());
        WaitForAsyncUtils.asyncFx(() -> model.showEntries(plan.entriesFor(session.kubeconfig()).stream()
                .filter(entry -> !entry.name().equals(FleetSession.DEMO)).toList())).get(5, TimeUnit.SECONDS);
        assertThat(model.items().stream().map(item -> item.entry().name())).contains("d-new")
                .doesNotContain("a-viewer").hasSize(12);
        assertThat(model.item("d-new").connectedProperty().get()).as("a new context waits to be connected").isFalse();
        assertThat(model.item("a-admin").connectedProperty().get()).isTrue();

        Files.writeString(kubeconfigFile, ClusterFixtures.yaml(edited).replace("contexts:", "contexts: : :"));
        assertThat(heard.poll(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(KubeconfigException.class, problem -> {
            assertThat(problem.getMessage()).startsWith("~/.kube/config: line ");
            assertThat(problem.line()).isPositive();
        });
        assertThat(session.kubeconfig().context("d-new")).as("the last good set stays").isPresent();
        assertThat(session.store().current().cluster("a-admin")).isPresent();
    }

    /// Confirms the capture is live, so an empty scan means nothing leaked rather than nothing logged.
    @Test
    @Order(6)
    void theLogCaptureSawTheConnectionsItGuards() {
        assertThat(logs.lines()).anyMatch(line -> line.contains("c-bad-token"));
        assertThat(Set.copyOf(logs.loggers())).anyMatch(name -> name.startsWith("io.fabric8"))
                .anyMatch(name -> name.startsWith("dev.gpufleet"));
    }
}
