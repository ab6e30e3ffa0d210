package dev.gpufleet.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.fleet.MigLayout;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/// The churn over many ticks on a hand-moved clock: Jobs come and go, nodes fail and return,
/// nodes are cordoned and uncordoned, and the cluster's invariants hold all along: no GPU slot is
/// given to two pods, the exporter attributes GPUs only to pods that exist, a failed node is
/// NotReady with its exporter gone and a faulty GPU, and the stores do not keep growing.
class ChurnTest {

    private static final Duration TICK = Duration.ofSeconds(2);
    private static final Pattern POD_LABELS = Pattern.compile("namespace=\"([^\"]*)\",pod=\"([^\"]*)\"");
    private static final Pattern XID = Pattern.compile("(?m)^DCGM_FI_DEV_XID_ERRORS\\{[^}]*} (\\d+)$");

    private Instant now = Instant.parse("2025-06-02T09:00:00Z");

    private SimulatedCluster cluster(int nodes, long seed) {
        return new SimulatedCluster(FleetPlanner.plan(nodes, 0, 8, seed), new SimClock(new InstantSource() {
            @Override
            public Instant instant() {
                return now;
            }
        }));
    }

    private static ChurnRate busy() {
        return new ChurnRate(TICK, 2, 0.2, 0.2, 0.3, Duration.ofSeconds(40), Duration.ofSeconds(60));
    }

    private void step(SimulatedCluster cluster, Churn churn) {
        now = now.plus(TICK);
        cluster.advancePods();
        churn.tick();
    }

    @Test
    void createsAndDeletesPodsFailsAndReturnsNodesAndKeepsTheInvariants() {
        SimulatedCluster cluster = cluster(12, 7);
        Churn churn = new Churn(cluster, busy());
        int podsAtStart = cluster.pods().size();
        int eventsAtHalf = 0;
        boolean sawOutage = false;
        int mostChurnGpus = 0;
        for (int i = 1; i <= 120; i++) {
            step(cluster, churn);
            mostChurnGpus = Math.max(mostChurnGpus,
                    (int) grantedSlots(cluster).values().stream().filter(p -> p.startsWith("churn-train-")).count());
            if (i % 3 == 0) {
                assertNoSlotGrantedTwice(cluster);
            }
            if (i % 15 == 0) {
                assertExporterAttributesOnlyLivePods(cluster);
                sawOutage |= assertFailedNodesLookFailed(cluster, churn);
            }
            if (i == 60) {
                eventsAtHalf = cluster.events().size();
            }
        }
        ChurnStats stats = churn.stats();
        assertThat(stats.jobsCreated()).isEqualTo(240);
        assertThat(stats.jobsDeleted()).isGreaterThan(150);
        assertThat(stats.nodesFailed()).isGreaterThan(5);
        assertThat(stats.nodesReturned()).isGreaterThan(3);
        assertThat(stats.cordoned()).isGreaterThan(5);
        assertThat(stats.uncordoned()).isGreaterThan(3);
        assertThat(stats.eventsPruned()).isPositive();
        assertThat(mostChurnGpus).as("GPUs held by the churn's pods at once").isPositive();
        assertThat(stats.podsDeleted()).isGreaterThan(15);
        assertThat(sawOutage).as("a failed node was seen while down").isTrue();
        // Level, not growing: the churn's own pods are bounded by their lifetime.
        assertThat(cluster.pods().size()).isLessThanOrEqualTo(podsAtStart + churn.liveJobs() + 16);
        assertThat(cluster.events().size()).isLessThan(eventsAtHalf * 3 / 2);
    }

    @Test
    void sameSeedSameChurnOtherSeedOtherChurn() {
        long first = run(7);
        long again = run(7);
        long other = run(8);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private long run(long seed) {
        now = Instant.parse("2025-06-02T09:00:00Z");
        SimulatedCluster cluster = cluster(8, seed);
        Churn churn = new Churn(cluster, busy());
        for (int i = 0; i < 40; i++) {
            step(cluster, churn);
        }
        assertThat(churn.stats().jobsCreated()).isEqualTo(80);
        return churn.stats().digest();
    }

    @Test
    void deletingAJobFreesItsGpus() {
        SimulatedCluster cluster = cluster(16, 7);
        Churn churn = new Churn(cluster, new ChurnRate(TICK, 1, 0, 0, 0, Duration.ofSeconds(10),
                Duration.ofMinutes(10)));
        String holder = null;
        for (int i = 0; i < 30 && holder == null; i++) {
            step(cluster, churn);
            holder = grantedSlots(cluster).values().stream().filter(pod -> pod.startsWith("churn-train-"))
                    .findFirst().orElse(null);
        }
        assertThat(holder).as("a churn pod that got a GPU").isNotNull();
        String job = holder.substring(0, holder.lastIndexOf('-'));
        String namespace = namespace(cluster);
        for (int i = 0; i < 10; i++) {
            step(cluster, churn);
        }
        assertThat(cluster.jobs().get(namespace, job)).isNull();
        assertThat(cluster.pods().get(namespace, holder)).isNull();
        assertThat(grantedSlots(cluster).values()).doesNotContain(holder);
    }

    private static String namespace(SimulatedCluster cluster) {
        List<String> found = new ArrayList<>();
        cluster.jobs().list(null, Selection.everything(), 0, null, job -> {
            if (job.getMetadata().getName().startsWith("churn-train-")) {
                found.add(job.getMetadata().getNamespace());
            }
        });
        return found.getFirst();
    }

    // Slot "node/gpu/instance" → the placed pod's name, for every slot the device plugin gave.
    private static Map<String, String> grantedSlots(SimulatedCluster cluster) {
        Fleet fleet = cluster.fleet();
        Map<String, String> slots = new HashMap<>();
        for (int node = 0; node < fleet.nodeCount(); node++) {
            for (int gpu = 0; gpu < fleet.gpusPerNode(); gpu++) {
                for (int instance = -1; instance < MigLayout.MAX_INSTANCES; instance++) {
                    var occupant = cluster.grants().at(node, gpu, instance);
                    if (occupant != null) {
                        slots.put(node + "/" + gpu + "/" + instance, occupant.pod());
                    }
                }
            }
        }
        return slots;
    }

    private static void assertNoSlotGrantedTwice(SimulatedCluster cluster) {
        Fleet fleet = cluster.fleet();
        Map<String, Integer> slotsPerPod = new HashMap<>();
        for (int node = 0; node < fleet.nodeCount(); node++) {
            for (int gpu = 0; gpu < fleet.gpusPerNode(); gpu++) {
                for (int instance = -1; instance < MigLayout.MAX_INSTANCES; instance++) {
                    var occupant = cluster.grants().at(node, gpu, instance);
                    if (occupant == null) {
                        continue;
                    }
                    int seeded = fleet.podOnSlot(node, gpu, instance);
                    if (seeded != Fleet.NO_POD) {
                        Pod holder = cluster.pods().get(cluster.podIdentity().namespace(seeded),
                                cluster.podIdentity().name(seeded));
                        assertThat(holder != null && fleet.nodeName(node).equals(holder.getSpec().getNodeName()))
                                .as("GPU %d/%d/%d given to %s while its seeded pod holds it", node, gpu, instance,
                                        occupant.pod()).isFalse();
                    }
                    assertThat(cluster.pods().get(occupant.namespace(), occupant.pod()))
                            .as("the pod holding GPU %d/%d", node, gpu).isNotNull();
                    slotsPerPod.merge(occupant.namespace() + "/" + occupant.pod(), 1, Integer::sum);
                }
            }
        }
        slotsPerPod.forEach((pod, count) -> {
            if (pod.contains("/churn-train-")) {
                assertThat(count).as("GPUs of %s", pod).isBetween(1, 2);
            }
        });
    }

    private static void assertExporterAttributesOnlyLivePods(SimulatedCluster cluster) {
        Fleet fleet = cluster.fleet();
        for (int node = 0; node < fleet.nodeCount(); node++) {
            Matcher m = POD_LABELS.matcher(cluster.exporter().scrape(node, cluster.clock().elapsedSeconds()));
            while (m.find()) {
                Pod pod = cluster.pods().get(m.group(1), m.group(2));
                assertThat(pod).as("pod %s/%s on the exporter of %s", m.group(1), m.group(2), fleet.nodeName(node))
                        .isNotNull();
                assertThat(pod.getSpec().getNodeName()).isEqualTo(fleet.nodeName(node));
            }
        }
    }

    // Each node the churn holds down: Ready Unknown, unreachable taint, no exporter pod, an XID.
    private static boolean assertFailedNodesLookFailed(SimulatedCluster cluster, Churn churn) {
        Fleet fleet = cluster.fleet();
        int down = 0;
        for (int node = 0; node < fleet.nodeCount(); node++) {
            Node object = cluster.nodes().get("", fleet.nodeName(node));
            if (NodeReadiness.ready(object)) {
                assertThat(object.getSpec().getTaints()).noneMatch(t -> NodeReadiness.UNREACHABLE_TAINT.equals(t.getKey()));
                continue;
            }
            down++;
            assertThat(object.getSpec().getTaints()).anyMatch(t -> NodeReadiness.UNREACHABLE_TAINT.equals(t.getKey()));
            String name = fleet.nodeName(node);
            List<Pod> exporters = new ArrayList<>();
            cluster.pods().list(null, Selection.everything(), 0, null, pod -> {
                if (name.equals(pod.getSpec().getNodeName()) && pod.getMetadata().getLabels() != null
                        && "nvidia-dcgm-exporter".equals(pod.getMetadata().getLabels().get("app"))) {
                    exporters.add(pod);
                }
            });
            assertThat(exporters).as("exporter pods on failed %s", name).isEmpty();
            Matcher xid = XID.matcher(cluster.exporter().scrape(node, cluster.clock().elapsedSeconds()));
            List<String> xids = new ArrayList<>();
            while (xid.find()) {
                xids.add(xid.group(1));
            }
            assertThat(xids).as("XIDs on failed %s", name).containsAnyOf("79", "48");
        }
        assertThat(down).isEqualTo(churn.nodesDown());
        return down > 0;
    }
}
