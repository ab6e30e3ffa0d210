package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.Workload;
import dev.gpufleet.sim.fleet.WorkloadKind;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Keeps a simulated cluster moving, the way a busy GPU cluster does, for soak runs: each
/// [#tick()] creates GPU Jobs (whose pods the scheduler places and the device plugin gives
/// GPUs) and deletes those whose time is up; now and then a node fails (its Ready condition
/// goes `Unknown` with the `unreachable` taints, one of its GPUs logs XID 79 or 48, its
/// dcgm-exporter pod is gone) and returns later (the fault cleared, the DaemonSet's pod back);
/// now and then a node is cordoned and later uncordoned; and Events the churn caused are
/// deleted once older than the rate's TTL, so the cluster's size stays level.
///
/// Deterministic: the same fleet, seed, rate and clock readings give the same actions.
/// [#stats()] counts them and folds them into a digest a test can compare.
public final class Churn {

    /// Label on every Job the churn creates.
    public static final String MANAGED_BY = "gpufleet-churn";
    private static final Logger LOG = LoggerFactory.getLogger(Churn.class);
    private static final GpuFault[] NODE_FAULTS = {GpuFault.FALLEN_OFF_BUS, GpuFault.DOUBLE_BIT_ECC};
    private static final String EXPORTER_APP = "nvidia-dcgm-exporter";

    private final SimulatedCluster cluster;
    private final ChurnRate rate;
    private final SplittableRandom random;
    private final String namespace;
    private final Instant started;
    private final Map<String, Instant> jobsUntil = new LinkedHashMap<>();
    private final Map<Integer, Outage> outages = new TreeMap<>();
    private final Map<Integer, Instant> cordonsUntil = new TreeMap<>();
    private long jobSequence;
    private ChurnStats stats = ChurnStats.NONE;

    private record Outage(Instant until, int gpu, @Nullable Pod exporter) {
    }

    public Churn(SimulatedCluster cluster, ChurnRate rate) {
        this.cluster = cluster;
        this.rate = rate;
        this.random = new SplittableRandom(cluster.fleet().seed() ^ 0x63_68_75_72_6eL);
        this.namespace = cluster.fleet().workloads().stream().filter(w -> w.kind() == WorkloadKind.TRAINING)
                .map(Workload::namespace).findFirst().orElse("default");
        this.started = cluster.clock().now();
    }

    public ChurnRate rate() {
        return rate;
    }

    /// What the churn has done so far.
    public synchronized ChurnStats stats() {
        return stats;
    }

    /// One round: what is due ends, then new Jobs start and perhaps a node fails or is cordoned.
    public void tick() {
        synchronized (cluster) {
            synchronized (this) {
                Instant now = cluster.clock().now();
                endJobs(now);
                returnNodes(now);
                uncordonNodes(now);
                for (int i = 0; i < rate.jobsPerTick(); i++) {
                    startJob(now);
                }
                if (random.nextDouble() < rate.nodeFailureChance()) {
                    failNode(now);
                }
                if (random.nextDouble() < rate.cordonChance()) {
                    cordonNode(now);
                }
                if (random.nextDouble() < rate.podDeleteChance()) {
                    deleteFleetPod();
                }
                pruneEvents(now);
            }
        }
    }

    private Instant due(Instant now) {
        long life = rate.lifetime().toMillis();
        return now.plusMillis(life / 2 + random.nextLong(life + 1));
    }

    private void startJob(Instant now) {
        String name = "churn-train-" + Long.toString(++jobSequence, 36);
        int gpus = 1 + random.nextInt(2);
        Quantity count = new Quantity(Integer.toString(gpus));
        Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", MANAGED_BY).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate()
                .withNewMetadata().addToLabels("app", "churn-train")
                .addToLabels("app.kubernetes.io/managed-by", MANAGED_BY).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .addNewContainer().withName("trainer")
                .withImage("nvcr.io/nvidia/pytorch:24.05-py3").withCommand("python", "-m", "train")
                .withNewResources().addToRequests("nvidia.com/gpu", count).addToLimits("nvidia.com/gpu", count)
                .endResources().endContainer().endSpec().endTemplate().endSpec().build();
        cluster.jobCreated(cluster.jobs().create(job, Times.time(now)));
        jobsUntil.put(name, due(now));
        record("create job " + name + " gpus " + gpus, stats.withJobCreated());
    }

    private void endJobs(Instant now) {
        for (var entry : List.copyOf(jobsUntil.entrySet())) {
            if (!now.isBefore(entry.getValue())) {
                String name = entry.getKey();
                jobsUntil.remove(name);
                if (cluster.jobs().get(namespace, name) != null) {
                    cluster.jobs().delete(namespace, name);
                }
                cluster.jobDeleted(namespace, name);
                record("delete job " + name, stats.withJobDeleted());
            }
        }
    }

    // A running GPU pod of the fleet's own workloads (seeded, or a replacement), deleted as
    // `kubectl delete pod` does; its owner replaces it.
    private void deleteFleetPod() {
        List<Pod> running = new ArrayList<>();
        cluster.pods().list(null, Selection.everything(), 0, null, pod -> {
            if (holdsGpus(pod) && pod.getMetadata().getDeletionTimestamp() == null
                    && !MANAGED_BY.equals(jobLabel(pod)) && !PodTerminations.finished(pod)) {
                running.add(pod);
            }
        });
        if (running.isEmpty()) {
            return;
        }
        Pod victim = running.get(random.nextInt(running.size()));
        cluster.terminations().delete(victim.getMetadata().getNamespace(), victim.getMetadata().getName(), null);
        cluster.podChanged(victim.getMetadata().getNamespace());
        record("delete pod " + victim.getMetadata().getNamespace() + "/" + victim.getMetadata().getName(),
                stats.withPodDeleted());
    }

    private static boolean holdsGpus(Pod pod) {
        String node = pod.getSpec().getNodeName();
        return node != null && !node.isEmpty() && NodeFit.requests(pod).keySet().stream()
                .anyMatch(resource -> resource.startsWith("nvidia.com/"));
    }

    private static @Nullable String jobLabel(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get("app.kubernetes.io/managed-by");
    }

    private void failNode(Instant now) {
        List<Integer> candidates = quietNodes();
        if (candidates.isEmpty()) {
            return;
        }
        int node = candidates.get(random.nextInt(candidates.size()));
        int gpu = random.nextInt(cluster.fleet().gpusPerNode());
        GpuFault fault = NODE_FAULTS[random.nextInt(NODE_FAULTS.length)];
        cluster.faults().inject(node, gpu, fault);
        cluster.nodeReadinessChanged(node, false);
        Pod exporter = exporterPod(cluster.fleet().nodeName(node));
        if (exporter != null) {
            cluster.podVanished(exporter);
        }
        outages.put(node, new Outage(due(now), gpu, exporter));
        record("fail node " + node + " gpu " + gpu + " xid " + fault.xid(), stats.withNodeFailed());
    }

    private void returnNodes(Instant now) {
        for (var entry : List.copyOf(outages.entrySet())) {
            Outage outage = entry.getValue();
            if (!now.isBefore(outage.until())) {
                int node = entry.getKey();
                outages.remove(node);
                cluster.faults().clear(node, outage.gpu());
                cluster.nodeReadinessChanged(node, true);
                if (outage.exporter() != null) {
                    cluster.podReturns(outage.exporter());
                }
                record("return node " + node, stats.withNodeReturned());
            }
        }
    }

    private void cordonNode(Instant now) {
        List<Integer> candidates = quietNodes();
        if (candidates.isEmpty()) {
            return;
        }
        int node = candidates.get(random.nextInt(candidates.size()));
        cluster.setUnschedulable(cluster.fleet().nodeName(node), true);
        cordonsUntil.put(node, due(now));
        record("cordon node " + node, stats.withCordoned());
    }

    private void uncordonNodes(Instant now) {
        for (var entry : List.copyOf(cordonsUntil.entrySet())) {
            if (!now.isBefore(entry.getValue())) {
                cordonsUntil.remove(entry.getKey());
                cluster.setUnschedulable(cluster.fleet().nodeName(entry.getKey()), false);
                record("uncordon node " + entry.getKey(), stats.withUncordoned());
            }
        }
    }

    // NVIDIA nodes that are up, schedulable and not already in the churn's hands.
    private List<Integer> quietNodes() {
        Fleet fleet = cluster.fleet();
        List<Integer> quiet = new ArrayList<>();
        for (int node = 0; node < fleet.nodeCount(); node++) {
            if (fleet.amdNode(node) || outages.containsKey(node) || cordonsUntil.containsKey(node)) {
                continue;
            }
            Node object = cluster.nodes().get("", fleet.nodeName(node));
            if (object != null && !Boolean.TRUE.equals(object.getSpec().getUnschedulable())) {
                quiet.add(node);
            }
        }
        return quiet;
    }

    private @Nullable Pod exporterPod(String nodeName) {
        List<Pod> found = new ArrayList<>(1);
        cluster.pods().list(null, Selection.everything(), 0, null, pod -> {
            var labels = pod.getMetadata().getLabels();
            if (labels != null && EXPORTER_APP.equals(labels.get("app")) && nodeName.equals(pod.getSpec().getNodeName())) {
                found.add(pod);
            }
        });
        return found.isEmpty() ? null : found.getFirst();
    }

    // The API server's event TTL, for the events made since the churn began.
    private void pruneEvents(Instant now) {
        Instant cutoff = now.minus(rate.eventTtl());
        if (!cutoff.isAfter(started)) {
            return;
        }
        List<String[]> expired = new ArrayList<>();
        cluster.events().list(null, Selection.everything(), 0, null, event -> {
            String created = event.getMetadata().getCreationTimestamp();
            if (created != null) {
                Instant at = Instant.parse(created);
                if (!at.isBefore(started) && at.isBefore(cutoff)) {
                    expired.add(new String[] {event.getMetadata().getNamespace(), event.getMetadata().getName()});
                }
            }
        });
        for (String[] key : expired) {
            if (cluster.events().get(key[0], key[1]) != null) {
                cluster.events().delete(key[0], key[1]);
            }
        }
        if (!expired.isEmpty()) {
            stats = stats.withEventsPruned(expired.size());
        }
    }

    private void record(String action, ChurnStats next) {
        stats = next.withAction(action);
        LOG.debug("churn: {}", action);
    }

    /// Jobs the churn has running now (created and not yet deleted).
    public synchronized int liveJobs() {
        return jobsUntil.size();
    }

    /// Nodes the churn holds down now.
    public synchronized int nodesDown() {
        return outages.size();
    }
}
