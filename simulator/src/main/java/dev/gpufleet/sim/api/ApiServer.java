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
import javax.net.ssl.SSLContext;

/// The JDK's HTTPS server, one virtual thread per exchange (watches block on their thread for
/// as long as they stream), serving [ApiHandler] at `/`.
public final class ApiServer implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor;

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
        return new ApiServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /// Stops accepting, gives exchanges in flight a moment, then ends the streams still open.
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
