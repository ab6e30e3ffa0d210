package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.cluster.Resources;
import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.faults.ApiFaults;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The entry point of every request: checks the bearer token, routes discovery, resources and
/// the pod proxy, and turns failures into `Status` answers.
public final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final SimulatedCluster cluster;
    private final Map<SimUser, byte[]> authorizations = new EnumMap<>(SimUser.class);
    private final Discovery discovery;
    private final ReadEndpoint reads;
    private final WriteEndpoint writes;
    private final Evictions evictions;
    private final PodProxy proxy;
    private final PodLogs logs;
    private final FaultGate faults;
    private final FaultEndpoint faultSwitch;

    public ApiHandler(SimulatedCluster cluster, Map<SimUser, String> tokens, String serverAddress, ApiFaults faults) {
        this.cluster = cluster;
        tokens.forEach((user, token) -> authorizations.put(user, ("Bearer " + token).getBytes(StandardCharsets.UTF_8)));
        this.discovery = new Discovery(serverAddress);
        this.reads = new ReadEndpoint(() -> cluster.clock().now(), faults);
        this.writes = new WriteEndpoint(cluster);
        this.evictions = new Evictions(cluster);
        this.proxy = new PodProxy(cluster);
        this.logs = new PodLogs(cluster);
        this.faults = new FaultGate(faults);
        this.faultSwitch = new FaultEndpoint(faults, cluster.exporterFaults());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            ApiRequest request = new ApiRequest(exchange);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} upgrade={} accept={}", exchange.getRequestMethod(), exchange.getRequestURI(),
                        request.header("Upgrade"), request.header("Accept"));
            }
            SimUser user = authenticate(request);
            if (user == null) {
                Responses.failure(exchange, new ApiException(401, "Unauthorized", "Unauthorized"));
                return;
            }
            request.authenticatedAs(user);
            if (request.header("Upgrade").equalsIgnoreCase("websocket")) {
                refuseWebSocket(exchange);
                return;
            }
            if (trimSlash(request.path()).equals(FaultEndpoint.PATH)) {
                faultSwitch.handle(request);
                return;
            }
            if (!isProbe(request.path()) && faults.intercept(request)) {
                return;
            }
            cluster.advancePods();
            route(request);
        } catch (ConnectionDropped e) {
            dropped = true;
            throw e; // the JDK server resets the connection without ending the answer
        } catch (ApiException e) {
            respondSafely(exchange, e);
        } catch (IOException e) {
            LOG.debug("client went away during {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("simulated API server failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respondSafely(exchange, new ApiException(500, "InternalError", "Internal error occurred: " + e));
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private static boolean isProbe(String path) {
        return switch (trimSlash(path)) {
            case "/healthz", "/livez", "/readyz" -> true;
            default -> false;
        };
    }

    // fabric8 tries a WebSocket watch first and falls back to a plain HTTP watch when the
    // handshake is answered with a complete 200 (as kubectl proxy does); a 503 would make it
    // retry with backoff for 20 seconds first.
    private static void refuseWebSocket(HttpExchange exchange) throws IOException {
        var status = Responses.status(new ApiException(200, "BadRequest",
                "the simulated API server serves watches over plain HTTP, not WebSocket"));
        Responses.json(exchange, 200, status);
    }

    private static void respondSafely(HttpExchange exchange, ApiException e) {
        try {
            Responses.failure(exchange, e);
        } catch (IOException | RuntimeException ignored) {
            // headers were already sent (a stream failed half-way): nothing more to tell the client
        }
    }

    private @Nullable SimUser authenticate(ApiRequest request) {
        byte[] given = request.header("Authorization").getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<SimUser, byte[]> entry : authorizations.entrySet()) {
            if (MessageDigest.isEqual(given, entry.getValue())) {
                return entry.getKey();
            }
        }
        return null;
    }

    private void route(ApiRequest request) throws IOException {
        String path = request.exchange().getRequestURI().getPath();
        switch (trimSlash(path)) {
            case "/version" -> Responses.json(request.exchange(), 200, discovery.version());
            case "/healthz", "/livez", "/readyz" -> Responses.text(request.exchange(), 200, "text/plain; charset=utf-8", "ok");
            case "/api" -> Responses.json(request.exchange(), 200, discovery.coreVersions());
            case "/apis" -> Responses.json(request.exchange(), 200, discovery.groupList());
            default -> routeApi(request, path);
        }
    }

    private void routeApi(ApiRequest request, String path) throws IOException {
        String[] parts = trimSlash(path).split("/");
        if (parts.length == 3 && parts[1].equals("apis")) {
            Responses.json(request.exchange(), 200, discovery.group(parts[2]));
            return;
        }
        ApiPath api = ApiPath.parse(path);
        if (api == null) {
            throw Discovery.notFound();
        }
        if (api.resource() == null) {
            requireGet(request);
            Responses.json(request.exchange(), 200, discovery.resourceList(api.group(), api.version()));
            return;
        }
        if (api.group().equals(Resources.ACCESS_REVIEWS.group()) && api.version().equals("v1")
                && Resources.ACCESS_REVIEWS.plural().equals(api.resource()) && api.name() == null) {
            requireMethod(request, "POST");
            AccessReviews.answer(request, request.user());
            return;
        }
        ResourceStore<?> store = cluster.store(api.group(), api.version(), api.resource());
        if (store == null || (api.namespace() != null && !store.type().namespaced())) {
            throw Discovery.notFound();
        }
        Authorizer.check(request, api);
        dispatch(request, api, store);
    }

    private <T extends HasMetadata> void dispatch(ApiRequest request, ApiPath api, ResourceStore<T> store)
            throws IOException {
        String namespace = store.type().namespaced() ? api.namespace() : "";
        String name = api.name();
        String sub = api.subresource();
        if (name == null) {
            collection(request, store, namespace);
        } else if (sub == null || sub.equals("status")) {
            object(request, store, namespace == null ? "" : namespace, name);
        } else if (sub.equals("proxy") && store.type().plural().equals("pods") && namespace != null) {
            proxy.handle(request, namespace, name, api.rest());
        } else if (sub.equals("log") && store.type().plural().equals("pods") && namespace != null) {
            requireGet(request);
            logs.handle(request, namespace, name);
        } else if (sub.equals("eviction") && store.type().plural().equals("pods") && namespace != null) {
            requireMethod(request, "POST");
            evictions.evict(request, namespace, name);
        } else {
            throw Discovery.notFound();
        }
    }

    private <T extends HasMetadata> void collection(ApiRequest request, ResourceStore<T> store,
            @Nullable String namespace) throws IOException {
        switch (request.method()) {
            case "GET", "HEAD" -> reads.listOrWatch(request, store, namespace);
            case "POST" -> {
                if (namespace == null && store.type().namespaced()) {
                    throw new ApiException(405, "MethodNotAllowed", "create needs a namespace in the path");
                }
                writes.create(request, store, namespace == null ? "" : namespace);
            }
            default -> throw methodNotAllowed(request);
        }
    }

    private <T extends HasMetadata> void object(ApiRequest request, ResourceStore<T> store, String namespace,
            String name) throws IOException {
        switch (request.method()) {
            case "GET", "HEAD" -> reads.get(request, store, namespace, name);
            case "PATCH" -> writes.patch(request, store, namespace, name);
            case "PUT" -> writes.replace(request, store, namespace, name);
            case "DELETE" -> writes.delete(request, store, namespace, name);
            default -> throw methodNotAllowed(request);
        }
    }

    private static void requireGet(ApiRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw methodNotAllowed(request);
        }
    }

    private static void requireMethod(ApiRequest request, String method) {
        if (!request.method().equals(method)) {
            throw methodNotAllowed(request);
        }
    }

    private static ApiException methodNotAllowed(ApiRequest request) {
        return new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                + "resource: " + request.method());
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
