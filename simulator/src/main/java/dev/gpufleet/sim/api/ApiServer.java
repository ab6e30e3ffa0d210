package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.faults.ApiFaults;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/// The JDK's HTTPS server, one virtual thread per exchange (watches block on their thread for
/// as long as they stream), serving [ApiHandler] at `/`. It can be restarted on the same port
/// ([ApiFaults.Restarter]); the cluster behind it keeps running meanwhile.
public final class ApiServer implements AutoCloseable, ApiFaults.Restarter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiServer.class);
    private static final long TICK_MILLIS = 200;
    private static final int BACKLOG = 256;

    private final SSLContext tls;
    private final InetSocketAddress address;
    private final HttpHandler handler;
    private final ApiFaults faults;
    private final ExecutorService executor;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sim-pod-lifecycle").factory());
    private volatile HttpsServer server;
    private volatile boolean closed;

    private ApiServer(HttpsServer server, SSLContext tls, HttpHandler handler, ApiFaults faults,
            ExecutorService executor) {
        this.server = server;
        this.tls = tls;
        this.address = server.getAddress();
        this.handler = handler;
        this.faults = faults;
        this.executor = executor;
    }

    public static ApiServer start(SimulatedCluster cluster, SSLContext tls, String bindAddress, int port,
            Map<SimUser, String> tokens, ApiFaults faults)
            throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), BACKLOG);
        String hostPort = (address.getHostAddress().contains(":") ? "[" + bindAddress + "]" : bindAddress) + ":"
                + server.getAddress().getPort();
        ApiHandler handler = new ApiHandler(cluster, tokens, hostPort, faults);
        serve(server, tls, handler, executor);
        ApiServer api = new ApiServer(server, tls, handler, faults, executor);
        faults.restarter(api);
        api.ticker.scheduleWithFixedDelay(() -> advance(cluster), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return api;
    }

    private static void serve(HttpsServer server, SSLContext tls, HttpHandler handler, ExecutorService executor) {
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    public int port() {
        return address.getPort();
    }

    /// Stops listening and closes every connection (open watches end mid-stream), runs
    /// `whileDown`, waits `down`, and listens again on the same address and port.
    @Override
    public synchronized void restart(Duration down, Runnable whileDown) {
        if (closed) {
            return;
        }
        LOG.info("API server at port {} going down for {} ms", port(), down.toMillis());
        server.stop(0);
        faults.dropOpenWatches();
        try {
            whileDown.run();
            Thread.sleep(down);
            server = rebind();
            if (closed) {
                server.stop(0);
                return;
            }
            LOG.info("API server at port {} is back", port());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("API server at port {} could not come back: {}", port(), e.toString());
        }
    }

    // The old socket may linger for a moment after stop(): try a few times.
    private HttpsServer rebind() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpsServer next = HttpsServer.create(address, BACKLOG);
                serve(next, tls, handler, executor);
                return next;
            } catch (BindException taken) {
                if (attempt >= 50) {
                    throw taken;
                }
                Thread.sleep(100);
            }
        }
    }

    /// Stops accepting, ends the streams still open.
    @Override
    public void close() {
        closed = true;
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
