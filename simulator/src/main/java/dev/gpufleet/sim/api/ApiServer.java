package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.cluster.SimulatedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/// The JDK's HTTPS server, one virtual thread per exchange (watches block on their thread for
/// as long as they stream), serving [ApiHandler] at `/`.
public final class ApiServer implements AutoCloseable {

    private final HttpsServer server;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiServer.class);
    private static final long TICK_MILLIS = 200;

    private final ExecutorService executor;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sim-pod-lifecycle").factory());

    private ApiServer(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ApiServer start(SimulatedCluster cluster, SSLContext tls, String bindAddress, int port,
            Map<SimUser, String> tokens)
            throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        String hostPort = (address.getHostAddress().contains(":") ? "[" + bindAddress + "]" : bindAddress) + ":"
                + server.getAddress().getPort();
        server.createContext("/", new ApiHandler(cluster, tokens, hostPort));
        server.start();
        ApiServer api = new ApiServer(server, executor);
        api.ticker.scheduleWithFixedDelay(() -> advance(cluster), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /// Stops accepting, gives exchanges in flight a moment, then ends the streams still open.
    @Override
    public void close() {
        server.stop(0);
        ticker.shutdownNow();
        executor.shutdownNow();
    }

    // Pods created through the API change phase on the clock; watchers hear of it without a request.
    private static void advance(SimulatedCluster cluster) {
        try {
            cluster.advancePods();
        } catch (RuntimeException e) {
            LOG.warn("Could not advance the pods created through the API: {}", e.toString());
        }
    }
}
