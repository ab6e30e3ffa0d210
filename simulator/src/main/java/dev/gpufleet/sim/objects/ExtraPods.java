package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// Pods no controller made, so that a drain's refusals can be rehearsed: the mirror of a static
/// pod (an API server load balancer, `kube-system/apiserver-lb-<node>`, annotation
/// `kubernetes.io/config.mirror`, owned by its Node) on every fourth node from the second, and
/// one unmanaged `default/debug-<node>-<suffix>` shell on the last node. They come after the
/// fleet's own pods, so those keep their names, uids and order.
public final class ExtraPods {

    private static final String MIRROR_PREFIX = "apiserver-lb-";
    private static final String LB_IMAGE = "docker.io/library/haproxy:2.8.5-alpine";
    private static final String DEBUG_IMAGE = "docker.io/nicolaka/netshoot:v0.13";

    private final Fleet fleet;
    private final Instant start;
    private final Uids uids;
    private final List<Integer> nodes = new ArrayList<>();

    public ExtraPods(Fleet fleet, Instant start) {
        this.fleet = fleet;
        this.start = start;
        this.uids = new Uids(fleet.seed());
        for (int node = 1; node < fleet.nodeCount(); node += 4) {
            nodes.add(node);
        }
        if (fleet.nodeCount() > 2) {
            nodes.add(fleet.nodeCount() - 1);
        }
    }

    public int size() {
        return nodes.size();
    }

    /// How many extra pods a fleet of `nodeCount` nodes has, without building the fleet.
    public static int count(int nodeCount) {
        int mirrors = nodeCount > 1 ? (nodeCount - 2) / 4 + 1 : 0;
        return mirrors + (nodeCount > 2 ? 1 : 0);
    }

    private boolean debug(int i) {
        return i == nodes.size() - 1 && fleet.nodeCount() > 2;
    }

    /// The node the `i`th extra pod runs on.
    public int node(int i) {
        return nodes.get(i);
    }

    public String namespace(int i) {
        return debug(i) ? "default" : "kube-system";
    }

    public String name(int i) {
        String node = fleet.nodeName(node(i));
        return debug(i) ? "debug-" + node + "-" + Names.suffix(fleet.seed(), 7_919, node(i)) : MIRROR_PREFIX + node;
    }

    public Map<String, String> labels(int i) {
        Map<String, String> labels = new TreeMap<>();
        if (debug(i)) {
            labels.put("run", "debug");
        } else {
            labels.put("component", "apiserver-lb");
            labels.put("tier", "control-plane");
        }
        return labels;
    }

    public Pod build(int i, String resourceVersion) {
        int node = node(i);
        boolean debug = debug(i);
        Instant created = start.minusSeconds(debug ? 1_260 : Math.max(60, fleet.nodeAgeSeconds(node) - 20));
        String ip = debug ? fleet.podIp(node, 250) : fleet.nodeIp(node);
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(name(i)).withNamespace(namespace(i))
                    .withUid(uids.other(debug ? "DebugPod" : "MirrorPod", node)).withResourceVersion(resourceVersion)
                    .withCreationTimestamp(Times.time(created)).withLabels(labels(i))
                .endMetadata()
                .withNewSpec().withNodeName(fleet.nodeName(node)).withRestartPolicy(debug ? "Never" : "Always")
                    .withTerminationGracePeriodSeconds(30L).withSchedulerName("default-scheduler")
                    .addNewContainer().withName(debug ? "debug" : "haproxy").withImage(debug ? DEBUG_IMAGE : LB_IMAGE)
                        .withCommand(debug ? List.of("sleep", "infinity") : List.of("haproxy", "-f", "/usr/local/etc/haproxy"))
                        .withNewResources().addToRequests("cpu", new Quantity(debug ? "100m" : "25m"))
                            .addToRequests("memory", new Quantity(debug ? "128Mi" : "32Mi")).endResources()
                    .endContainer()
                .endSpec();
        if (!debug) {
            String hash = Names.hex(fleet.seed(), "static-pod", node, 32);
            pod.editMetadata().withAnnotations(Map.of("kubernetes.io/config.hash", hash,
                    "kubernetes.io/config.mirror", hash, "kubernetes.io/config.source", "file"))
                    .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(fleet.nodeName(node))
                        .withUid(uids.node(node)).withController(true).endOwnerReference()
                    .endMetadata()
                    .editSpec().withHostNetwork(true).withPriorityClassName("system-node-critical")
                        .withPriority(2_000_001_000).withTolerations(new Toleration("NoExecute", null, "Exists", null, null))
                    .endSpec();
        }
        String at = Times.time(created.plusSeconds(2));
        return pod.withNewStatus().withPhase("Running").withQosClass("Burstable")
                .withConditions(condition("Initialized", at), condition("Ready", at), condition("ContainersReady", at),
                        condition("PodScheduled", Times.time(created)))
                .withHostIP(fleet.nodeIp(node)).withPodIP(ip).withStartTime(Times.time(created))
                .addNewContainerStatus().withName(debug ? "debug" : "haproxy").withImage(debug ? DEBUG_IMAGE : LB_IMAGE)
                    .withImageID("").withReady(true).withStarted(true).withRestartCount(0)
                    .withContainerID("containerd://" + Names.hex(fleet.seed(), "extra-container", node, 64))
                    .withNewState().withNewRunning(at).endState()
                .endContainerStatus()
                .endStatus().build();
    }

    private static PodCondition condition(String type, String at) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(at).build();
    }
}
