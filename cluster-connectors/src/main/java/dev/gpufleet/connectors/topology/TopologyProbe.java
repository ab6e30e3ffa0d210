package dev.gpufleet.connectors.topology;

import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.NvidiaSmiTopology;
import dev.gpufleet.core.topology.TopologyFormatException;
import dev.gpufleet.core.topology.TopologyProbeException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Reads one cluster's node topologies the way an operator would without SSH: creates a pod
/// pinned to the node that runs `nvidia-smi topo -m` ([ProbePod]), waits for it to finish,
/// reads its log, parses it, and deletes the pod — always, also after a failure or timeout.
///
/// Results are kept per node: a second probe of the same node answers from memory until
/// [#forget(String)]. Needs `create`, `get` and `delete` on pods and `get` on `pods/log` in
/// the probe namespace; a 403 names the one that is missing.
public final class TopologyProbe {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyProbe.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String cluster;
    private final KubernetesClient client;
    private final ProbeOptions options;
    private final Map<String, GpuTopology> cache = new ConcurrentHashMap<>();

    public TopologyProbe(String cluster, KubernetesClient client, ProbeOptions options) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /// The topology probed earlier for `node`, if any.
    public Optional<GpuTopology> cached(String node) {
        return Optional.ofNullable(cache.get(node));
    }

    /// Drops what is known of `node`, so the next probe runs again.
    public void forget(String node) {
        cache.remove(node);
    }

    /// The node's topology: from memory if probed before, else by running the probe pod.
    public GpuTopology probe(String node) throws TopologyProbeException {
        GpuTopology known = cache.get(node);
        if (known != null) {
            return known;
        }
        GpuTopology probed = run(node);
        cache.put(node, probed);
        return probed;
    }

    private GpuTopology run(String node) throws TopologyProbeException {
        String ns = options.namespace();
        Pod created;
        try {
            created = client.pods().inNamespace(ns).resource(ProbePod.build(node, options)).create();
        } catch (KubernetesClientException e) {
            throw apiProblem(e, "create pods", "creating the probe pod");
        }
        String name = created.getMetadata().getName();
        LOG.info("{}: probing the topology of {} with pod {}/{}", cluster, node, ns, name);
        TopologyProbeException failure = null;
        try {
            return parse(node, logsAfterFinish(node, name));
        } catch (TopologyProbeException e) {
            failure = e;
            throw e;
        } finally {
            String leftOver = delete(name);
            if (leftOver != null && failure != null) {
                failure.addSuppressed(new TopologyProbeException(leftOver));
            }
        }
    }

    private String logsAfterFinish(String node, String name) throws TopologyProbeException {
        Pod pod = awaitFinish(node, name);
        String log;
        try {
            log = client.pods().inNamespace(options.namespace()).withName(name).getLog();
        } catch (KubernetesClientException e) {
            throw apiProblem(e, "get pods/log", "reading the probe pod's log");
        }
        if (!"Succeeded".equals(ProbePod.phase(pod))) {
            throw new TopologyProbeException("nvidia-smi failed on node " + node + " (pod " + ProbePod.describe(pod)
                    + ")" + firstLine(log) + ". Is the NVIDIA driver and container runtime (runtime class \"nvidia\")"
                    + " installed there?");
        }
        return log;
    }

    private Pod awaitFinish(String node, String name) throws TopologyProbeException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Pod pod = null;
        while (true) {
            try {
                pod = client.pods().inNamespace(options.namespace()).withName(name).get();
            } catch (KubernetesClientException e) {
                throw apiProblem(e, "get pods", "watching the probe pod");
            }
            if (pod == null) {
                throw new TopologyProbeException("The probe pod " + options.namespace() + "/" + name + " on node "
                        + node + " disappeared before it finished (deleted by someone or something else).");
            }
            String phase = ProbePod.phase(pod);
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                return pod;
            }
            String stuck = ProbePod.stuckReason(pod);
            if (stuck != null) {
                throw new TopologyProbeException("The probe pod cannot start on node " + node + ": " + stuck
                        + ". Check that the image " + options.image() + " can be pulled there.");
            }
            if (System.nanoTime() > deadline) {
                throw new TopologyProbeException("The probe pod on node " + node + " did not finish within "
                        + options.timeout().toSeconds() + " s; it is " + ProbePod.describe(pod) + ".");
            }
            sleep();
        }
    }

    private GpuTopology parse(String node, String log) throws TopologyProbeException {
        try {
            return NvidiaSmiTopology.parse(log);
        } catch (TopologyFormatException e) {
            throw new TopologyProbeException("nvidia-smi on node " + node + " printed something gpufleet cannot read ("
                    + e.getMessage() + ").", e);
        }
    }

    // Deletes the probe pod now; returns what to tell the user if that did not work, else null.
    private @Nullable String delete(String name) {
        try {
            client.pods().inNamespace(options.namespace()).withName(name).withGracePeriod(0).delete();
            return null;
        } catch (KubernetesClientException e) {
            String message = "The probe pod " + options.namespace() + "/" + name + " could not be deleted ("
                    + e.getCode() + "): delete it by hand with kubectl -n " + options.namespace() + " delete pod " + name;
            LOG.warn("{}: {}", cluster, message);
            return message;
        }
    }

    private TopologyProbeException apiProblem(KubernetesClientException e, String verbResource, String doing) {
        String ns = options.namespace();
        if (e.getCode() == 403) {
            return new TopologyProbeException("Probing the topology needs permission to " + verbResource
                    + " in namespace \"" + ns + "\" of " + cluster + ", which your user lacks (403 Forbidden). Ask for"
                    + " create, get and delete on pods and get on pods/log there, or choose another probe namespace.", e);
        }
        if (e.getCode() == 404 && verbResource.equals("create pods")) {
            return new TopologyProbeException("The namespace \"" + ns + "\" does not exist on " + cluster
                    + "; choose another probe namespace.", e);
        }
        String status = e.getCode() > 0 ? e.getCode() + " " : "";
        return new TopologyProbeException("The API server of " + cluster + " answered " + status + "while " + doing
                + ": " + Objects.requireNonNullElse(e.getStatus() == null ? null : e.getStatus().getMessage(), e.getMessage()), e);
    }

    private static String firstLine(@Nullable String log) {
        if (log == null || log.isBlank()) {
            return "";
        }
        String first = log.strip().lines().findFirst().orElse("");
        return ": " + (first.length() > 160 ? first.substring(0, 157) + "..." : first);
    }

    private static void sleep() throws TopologyProbeException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopologyProbeException("The topology probe was interrupted.", e);
        }
    }
}
