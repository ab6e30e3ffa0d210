package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// Graceful pod deletion, as the API server and the kubelet do it between them. A DELETE or an
/// accepted eviction of a pod bound to a node and still running sets
/// `metadata.deletionTimestamp` (now + grace) and `deletionGracePeriodSeconds` (the request's
/// grace, else the pod's `terminationGracePeriodSeconds`, else 30): kubectl shows it
/// `Terminating`, watchers see MODIFIED. The containers stop after a shutdown time that is
/// deterministic per pod (1 to 3 s, never longer than the grace); then the pod is removed
/// (DELETED) and `removed` hears of it, so owners can replace it; `started` hears of each
/// pod that starts terminating.
///
/// A grace of 0, a pod no node runs, and a pod that already finished are removed at once.
public final class PodTerminations {

    /// The API server's default grace period.
    public static final long DEFAULT_GRACE_SECONDS = 30;
    private static final long MIN_SHUTDOWN_MILLIS = 1_000;
    private static final long SHUTDOWN_SPREAD_MILLIS = 2_000;

    private final ResourceStore<Pod> pods;
    private final SimClock clock;
    private final long seed;
    private final Consumer<Pod> removed;
    private final Consumer<Pod> started;
    private final Map<String, Instant> stopping = new ConcurrentHashMap<>();

    PodTerminations(ResourceStore<Pod> pods, SimClock clock, long seed, Consumer<Pod> removed,
            Consumer<Pod> started) {
        this.pods = pods;
        this.clock = clock;
        this.seed = seed;
        this.removed = removed;
        this.started = started;
    }

    /// Starts deleting a pod; returns it as stored now (terminating) or as it was last (removed).
    ///
    /// @param requestedGrace the request's `gracePeriodSeconds`, or null for the pod's own
    /// @throws dev.gpufleet.sim.store.ApiException 404 when there is no such pod
    public synchronized Pod delete(String namespace, String name, @Nullable Long requestedGrace) {
        Pod pod = pods.require(namespace, name);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return shorten(pod, requestedGrace);
        }
        long grace = grace(pod, requestedGrace);
        if (grace == 0 || !bound(pod) || finished(pod)) {
            return remove(namespace, name);
        }
        Instant now = clock.now();
        Pod terminating = pods.update(namespace, name, current -> {
            Pod next = new PodBuilder(current).build();
            next.getMetadata().setDeletionTimestamp(Times.time(now.plusSeconds(grace)));
            next.getMetadata().setDeletionGracePeriodSeconds(grace);
            return next;
        });
        stopping.put(key(namespace, name), now.plusMillis(Math.min(grace * 1_000, shutdownMillis(pod))));
        started.accept(terminating);
        return terminating;
    }

    // A second DELETE may only shorten the grace, as the API server allows.
    private Pod shorten(Pod pod, @Nullable Long requestedGrace) {
        Long current = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (requestedGrace == null || current == null || requestedGrace >= current) {
            return pod;
        }
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (requestedGrace == 0) {
            stopping.remove(key(namespace, name));
            return remove(namespace, name);
        }
        Instant until = clock.now().plusSeconds(requestedGrace);
        stopping.computeIfPresent(key(namespace, name), (k, at) -> at.isAfter(until) ? until : at);
        return pods.update(namespace, name, p -> {
            Pod next = new PodBuilder(p).build();
            next.getMetadata().setDeletionTimestamp(Times.time(until));
            next.getMetadata().setDeletionGracePeriodSeconds(requestedGrace);
            return next;
        });
    }

    /// Removes the pods whose containers have stopped by now.
    public synchronized void advance() {
        if (stopping.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        for (Map.Entry<String, Instant> e : List.copyOf(stopping.entrySet())) {
            if (!now.isBefore(e.getValue()) && stopping.remove(e.getKey(), e.getValue())) {
                String[] parts = e.getKey().split("/", 2);
                if (pods.get(parts[0], parts[1]) != null) {
                    remove(parts[0], parts[1]);
                }
            }
        }
    }

    /// Whether a pod is being deleted and still there.
    public boolean terminating(String namespace, String name) {
        return stopping.containsKey(key(namespace, name));
    }

    /// How long the pod's containers take to stop once asked: 1 to 3 s, the same every run.
    long shutdownMillis(Pod pod) {
        long h = Hash.of(seed, Hash.salt("shutdown"), Hash.salt(pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName()));
        return MIN_SHUTDOWN_MILLIS + Hash.below(h, (int) SHUTDOWN_SPREAD_MILLIS + 1);
    }

    private Pod remove(String namespace, String name) {
        Pod gone = pods.delete(namespace, name);
        removed.accept(gone);
        return gone;
    }

    static long grace(Pod pod, @Nullable Long requested) {
        if (requested != null && requested >= 0) {
            return requested;
        }
        Long own = pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
        return own == null ? DEFAULT_GRACE_SECONDS : Math.max(0, own);
    }

    private static boolean bound(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node != null && !node.isEmpty();
    }

    static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
