package dev.gpufleet.sim;

import dev.gpufleet.sim.api.ApiServer;
import dev.gpufleet.sim.cluster.Churn;
import dev.gpufleet.sim.cluster.ChurnRate;
import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.faults.ApiFaults;
import dev.gpufleet.sim.faults.ExporterFaults;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.ExtraPods;
import dev.gpufleet.sim.tls.SelfSignedCa;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// A simulated GPU cluster behind a local HTTPS Kubernetes API server, with a dcgm-exporter
/// `/metrics` per node through the pod proxy.
///
/// ```java
/// try (SimulatorServer sim = SimulatorServer.start(SimConfig.defaults())) {
///     sim.writeKubeconfig(Path.of("sim.kubeconfig"), SimulatorServer.DEFAULT_CONTEXT);
///     // kubectl --kubeconfig sim.kubeconfig get nodes
/// }
/// ```
///
/// Each start makes a fresh CA, server certificate and bearer token; the kubeconfig carries all
/// three. [#start(SimConfig)] returns only once the server answers, so a kubeconfig written
/// after it is immediately usable. The fleet is a pure function of the seed: the same seed at
/// the same elapsed time gives the same objects and telemetry.
public final class SimulatorServer implements AutoCloseable {

    /// Context (and cluster and user) name of the kubeconfig when the caller has no preference.
    public static final String DEFAULT_CONTEXT = "gpufleet-sim";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    private final SimConfig config;
    private final ApiServer server;
    private final SelfSignedCa ca;
    private final Map<SimUser, String> tokens;
    private final String token;
    private final Fleet fleet;
    private final SimulatedCluster cluster;
    private final ApiFaults apiFaults;
    private final ExporterFaults exporterFaults;
    private @Nullable ScheduledExecutorService churnTicker;
    private @Nullable Churn churn;

    private SimulatorServer(SimConfig config, ApiServer server, SelfSignedCa ca, Map<SimUser, String> tokens,
            Fleet fleet, SimulatedCluster cluster, ApiFaults apiFaults) {
        this.config = config;
        this.exporterFaults = cluster.exporterFaults();
        this.server = server;
        this.ca = ca;
        this.tokens = tokens;
        this.token = tokens.get(SimUser.ADMIN);
        this.fleet = fleet;
        this.cluster = cluster;
        this.apiFaults = apiFaults;
    }

    /// Plans the fleet, starts the server on the configured address and port, and waits until
    /// it answers. Telemetry time runs on the system clock.
    ///
    /// @throws IOException when the address or port cannot be bound (e.g. the port is taken)
    public static SimulatorServer start(SimConfig config) throws IOException {
        return start(config, InstantSource.system());
    }

    /// As [#start(SimConfig)], shaped by a named [Scenario].
    public static SimulatorServer start(SimConfig config, Scenario scenario) throws IOException {
        return start(config, scenario, InstantSource.system());
    }

    /// As [#start(SimConfig)], with the source of "now": a fixed or stepped clock makes the
    /// telemetry and ages reproducible (tests, screenshots).
    public static SimulatorServer start(SimConfig config, InstantSource clock) throws IOException {
        return start(config, Scenario.DEFAULT, clock);
    }

    /// As [#start(SimConfig, InstantSource)], shaped by a named [Scenario].
    public static SimulatorServer start(SimConfig config, Scenario scenario, InstantSource clock) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        long began = System.nanoTime();
        Fleet fleet = scenario.plan(config);
        SimulatedCluster cluster = new SimulatedCluster(fleet, new SimClock(clock));
        SelfSignedCa ca = SelfSignedCa.generate(List.of(config.bindAddress()));
        Map<SimUser, String> tokens = new EnumMap<>(SimUser.class);
        for (SimUser user : SimUser.values()) {
            tokens.put(user, newToken());
        }
        ApiServer server;
        ApiFaults faults = new ApiFaults(() -> cluster.nodes().resourceVersion());
        try {
            server = ApiServer.start(cluster, ca.serverContext(), config.bindAddress(), config.port(), tokens, faults);
        } catch (IOException e) {
            faults.close();
            throw new IOException("could not start the simulated API server on " + config.bindAddress() + ":"
                    + config.port() + " (" + e.getMessage() + "); choose another port, or 0 for any free one", e);
        }
        SimulatorServer sim = new SimulatorServer(config, server, ca, Map.copyOf(tokens), fleet, cluster, faults);
        sim.awaitReady();
        LOG.info("Simulated fleet of {} nodes, {} GPUs and {} pods (seed {}) serving at {} after {} ms",
                fleet.nodeCount(), fleet.gpuCount(), fleet.pods().size(), config.seed(), sim.baseUri(),
                (System.nanoTime() - began) / 1_000_000);
        return sim;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "gpufleet-sim." + HexFormat.of().formatHex(bytes);
    }

    // Asks the server itself over TLS with the token, as a client holding the kubeconfig would.
    private void awaitReady() throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            try (HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
                HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve("/readyz"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> answer = client.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IOException("readiness probe answered " + answer.statusCode());
                }
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            close();
            throw new IOException("the simulated API server at " + baseUri() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while waiting for the simulated API server to answer", e);
        }
    }

    public SimConfig config() {
        return config;
    }

    /// Nodes, GPUs and pods of the simulated fleet, e.g. `64 nodes, 512 GPUs, 391 pods`.
    public String summary() {
        return fleet.nodeCount() + " nodes, " + fleet.gpuCount() + " GPUs, " + fleet.pods().size() + " pods";
    }

    /// Pods the simulator serves at start: the fleet's own and the mirror and debug pods.
    public int podCount() {
        return fleet.pods().size() + ExtraPods.count(fleet.nodeCount());
    }

    /// The exporters' fault switches: which nodes' exporters answer 500, hang or cut their
    /// answer short. Effective from the next scrape; all off at start.
    public ExporterFaults exporterFaults() {
        return exporterFaults;
    }

    /// The port the server listens on (the chosen one when the config asked for 0).
    public int port() {
        return server.port();
    }

    /// E.g. `https://127.0.0.1:41234`.
    public URI baseUri() {
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        return URI.create("https://" + host + ":" + port());
    }

    /// The bearer token of [SimUser#ADMIN], the one the default kubeconfig carries.
    public String token() {
        return token;
    }

    /// The bearer token of `user`.
    public String token(SimUser user) {
        return tokens.get(user);
    }

    /// The certificate of the CA that signed the server certificate, in PEM.
    public String caCertificatePem() {
        return ca.caPem();
    }

    /// A kubeconfig whose cluster, user and context are all named `contextName`.
    public String kubeconfigYaml(String contextName) {
        return kubeconfigYaml(contextName, SimUser.ADMIN);
    }

    /// A kubeconfig as [#kubeconfigYaml(String)], acting as `user`.
    public String kubeconfigYaml(String contextName, SimUser user) {
        Objects.requireNonNull(contextName, "contextName");
        if (contextName.isBlank()) {
            throw new IllegalArgumentException("the kubeconfig context name must not be blank");
        }
        return Kubeconfigs.yaml(baseUri().toString(), ca.caPem(), tokens.get(user), contextName);
    }

    /// Writes [#kubeconfigYaml(String)] to `file` atomically (a reader never sees half a file),
    /// readable by the owner only where the file system supports it; creates parent folders.
    public void writeKubeconfig(Path file, String contextName) throws IOException {
        writeKubeconfig(file, contextName, SimUser.ADMIN);
    }

    /// As [#writeKubeconfig(Path, String)], acting as `user`.
    public void writeKubeconfig(Path file, String contextName, SimUser user) throws IOException {
        String yaml = kubeconfigYaml(contextName, user);
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, yaml, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /// The API server's fault switches (restart, watch expiry, throttling, 503 on watches,
    /// slowness, dropped connections); also served at `/gpufleet-sim/v1/faults` to the admin.
    public ApiFaults apiFaults() {
        return apiFaults;
    }

    /// Changes node `name` in the simulated cluster directly, as a controller would; works while
    /// the API server is down (e.g. during a restart fault), and watchers hear of it after.
    ///
    /// @throws IllegalArgumentException when there is no such node
    public void updateNode(String name, UnaryOperator<Node> change) {
        if (cluster.nodes().get("", name) == null) {
            throw new IllegalArgumentException("no node named \"" + name + "\" in the simulated cluster");
        }
        cluster.nodes().update("", name, change);
    }

    /// Starts shaking the fleet on its own thread as `rate` says ([Churn]): Jobs come and go,
    /// nodes fail and return, nodes are cordoned and uncordoned. Once per server.
    ///
    /// @throws IllegalStateException when the churn already runs
    public synchronized Churn startChurn(ChurnRate rate) {
        if (churn != null) {
            throw new IllegalStateException("the churn already runs on this simulator");
        }
        Churn started = new Churn(cluster, rate);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("sim-churn").daemon().factory());
        long millis = Math.max(10, rate.tick().toMillis());
        ticker.scheduleWithFixedDelay(() -> tick(started), millis, millis, TimeUnit.MILLISECONDS);
        churn = started;
        churnTicker = ticker;
        LOG.info("Churn started: a round every {} ms", millis);
        return started;
    }

    /// The churn started by [#startChurn(ChurnRate)], if any.
    public synchronized Optional<Churn> churn() {
        return Optional.ofNullable(churn);
    }

    private static void tick(Churn churn) {
        try {
            churn.tick();
        } catch (RuntimeException e) {
            LOG.warn("A round of churn failed: {}", e.toString());
        }
    }

    /// Stops the server and the churn; open watches end.
    @Override
    public void close() {
        synchronized (this) {
            if (churnTicker != null) {
                churnTicker.shutdownNow();
            }
        }
        apiFaults.close();
        exporterFaults.close();
        server.close();
    }
}
