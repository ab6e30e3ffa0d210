package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.MigProfile;
import dev.gpufleet.sim.fleet.MigStrategy;
import dev.gpufleet.sim.fleet.Names;
import dev.gpufleet.sim.fleet.NodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// Builds the Node object of a simulated GPU node, as a managed cloud cluster with the NVIDIA GPU
/// Operator would show it.
public final class NodeFactory {

    /// Kubelet and kube-proxy version of every node.
    public static final String KUBELET_VERSION = "v1.31.4";
    private static final String[] ZONES = {"us-east-2a", "us-east-2b", "us-east-2c"};

    private final Fleet fleet;
    private final Instant start;
    private final Uids uids;

    public NodeFactory(Fleet fleet, Instant start) {
        this.fleet = fleet;
        this.start = start;
        this.uids = new Uids(fleet.seed());
    }

    public Node build(int node, String resourceVersion) {
        String name = fleet.nodeName(node);
        Instant created = start.minusSeconds(fleet.nodeAgeSeconds(node));
        boolean cordoned = fleet.initiallyCordoned(node);
        return new NodeBuilder()
                .withNewMetadata()
                    .withName(name).withUid(uids.node(node)).withResourceVersion(resourceVersion)
                    .withCreationTimestamp(Times.time(created))
                    .withLabels(labels(node, created)).withAnnotations(annotations(node))
                .endMetadata()
                .withNewSpec()
                    .withPodCIDR(fleet.podCidr(node)).withPodCIDRs(fleet.podCidr(node))
                    .withProviderID("aws:///" + zone(node) + "/i-0" + Names.hex(fleet.seed(), "instance", node, 16))
                    .withTaints(taints(fleet.amdNode(node), cordoned)).withUnschedulable(cordoned ? Boolean.TRUE : null)
                .endSpec()
                .withNewStatus()
                    .withCapacity(capacity(node)).withAllocatable(allocatable(node))
                    .withConditions(conditions(created))
                    .withAddresses(new NodeAddress(fleet.nodeIp(node), "InternalIP"), new NodeAddress(name, "Hostname"))
                    .withNewDaemonEndpoints().withNewKubeletEndpoint(10250).endDaemonEndpoints()
                    .withNodeInfo(new NodeSystemInfoBuilder()
                            .withArchitecture("amd64").withOperatingSystem("linux")
                            .withBootID(Names.uid(fleet.seed(), "boot", node))
                            .withMachineID(Names.hex(fleet.seed(), "machine-id", node, 32))
                            .withSystemUUID(Names.uid(fleet.seed(), "system-uuid", node))
                            .withContainerRuntimeVersion("containerd://1.7.22")
                            .withKernelVersion("6.8.0-1019-aws").withOsImage("Ubuntu 22.04.5 LTS")
                            .withKubeletVersion(KUBELET_VERSION).withKubeProxyVersion(KUBELET_VERSION)
                            .build())
                .endStatus()
                .build();
    }

    private Map<String, String> labels(int node, Instant created) {
        NodePool pool = fleet.pool(node);
        Map<String, String> labels = new TreeMap<>();
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/instance-type", pool.instanceType());
        labels.put("beta.kubernetes.io/os", "linux");
        // The instance types are EKS's, so the pool is an EKS managed node group.
        labels.put("eks.amazonaws.com/nodegroup", pool.name());
        if (!fleet.amdNode(node)) {
            labels.put("feature.node.kubernetes.io/pci-10de.present", "true");
        }
        labels.put("gpufleet.dev/pool", pool.name());
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", fleet.nodeName(node));
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", pool.instanceType());
        labels.put("topology.kubernetes.io/region", "us-east-2");
        labels.put("topology.kubernetes.io/zone", zone(node));
        if (fleet.amdNode(node)) {
            AmdNodeLabels.add(labels, fleet, node);
        } else {
            GfdLabels.add(labels, fleet, node, created.getEpochSecond() + 312);
        }
        return labels;
    }

    private Map<String, String> annotations(int node) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("alpha.kubernetes.io/provided-node-ip", fleet.nodeIp(node));
        annotations.put("node.alpha.kubernetes.io/ttl", "0");
        if (!fleet.amdNode(node)) {
            annotations.put("nvidia.com/gpu-driver-upgrade-enabled", "true");
        }
        annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        return annotations;
    }

    private String zone(int node) {
        return ZONES[Hash.below(Hash.of(fleet.seed(), Hash.salt("zone"), fleet.numberInPool(node),
                fleet.pool(node).name().hashCode()), ZONES.length)];
    }

    private static List<Taint> taints(boolean amd, boolean cordoned) {
        List<Taint> taints = new ArrayList<>();
        taints.add(new Taint("NoSchedule", amd ? "amd.com/gpu" : "nvidia.com/gpu", null, "true"));
        if (cordoned) {
            taints.add(new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null));
        }
        return taints;
    }

    private Map<String, Quantity> capacity(int node) {
        NodePool pool = fleet.pool(node);
        Map<String, Quantity> capacity = new TreeMap<>();
        capacity.put("cpu", new Quantity(Integer.toString(pool.cpuCores())));
        capacity.put("ephemeral-storage", new Quantity("3905109932Ki"));
        capacity.put("hugepages-1Gi", new Quantity("0"));
        capacity.put("hugepages-2Mi", new Quantity("0"));
        capacity.put("memory", new Quantity((pool.memoryGiB() * 1_048_576L - 3_145_728L) + "Ki"));
        capacity.put("pods", new Quantity("110"));
        gpuResources(node, false).forEach((k, v) -> capacity.put(k, new Quantity(Integer.toString(v))));
        return capacity;
    }

    private Map<String, Quantity> allocatable(int node) {
        NodePool pool = fleet.pool(node);
        Map<String, Quantity> allocatable = new TreeMap<>();
        allocatable.put("cpu", new Quantity((pool.cpuCores() * 1000 - 470) + "m"));
        allocatable.put("ephemeral-storage", new Quantity("3598798716257"));
        allocatable.put("hugepages-1Gi", new Quantity("0"));
        allocatable.put("hugepages-2Mi", new Quantity("0"));
        allocatable.put("memory", new Quantity((pool.memoryGiB() * 1_048_576L - 3_145_728L - 6_393_856L) + "Ki"));
        allocatable.put("pods", new Quantity("110"));
        gpuResources(node, true).forEach((k, v) -> allocatable.put(k, new Quantity(Integer.toString(v))));
        return allocatable;
    }

    /// The GPU extended resources a node advertises; the device plugin withholds whole GPUs it
    /// found unhealthy (XID 79, 48, 94) from allocatable.
    private Map<String, Integer> gpuResources(int node, boolean healthyOnly) {
        if (fleet.amdNode(node)) {
            return AmdNodeLabels.gpuResources(fleet, node, healthyOnly);
        }
        NodePool pool = fleet.pool(node);
        Map<String, Integer> resources = new TreeMap<>();
        int wholeGpus = 0;
        for (int g = 0; g < fleet.gpusPerNode(); g++) {
            var layout = fleet.migLayout(node, g);
            GpuFault fault = fleet.fault(node, g);
            boolean unhealthy = healthyOnly && fault != null && fault.xid() != 0 && fault.xid() != 13;
            if (layout == null) {
                wholeGpus += unhealthy ? 0 : 1;
            } else if (pool.migStrategy() == MigStrategy.SINGLE) {
                wholeGpus += unhealthy ? 0 : layout.instances();
            } else {
                for (MigProfile p : layout.profiles()) {
                    resources.merge(p.resourceName(), unhealthy ? 0 : 1, Integer::sum);
                }
            }
        }
        resources.put("nvidia.com/gpu", wholeGpus);
        return resources;
    }

    private List<NodeCondition> conditions(Instant created) {
        String heartbeat = Times.time(start.minusSeconds(17));
        String since = Times.time(created.plusSeconds(42));
        return List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available", heartbeat, since),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
                        heartbeat, since),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                        heartbeat, since),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat,
                        Times.time(created.plusSeconds(71))));
    }

    private static NodeCondition condition(String type, String status, String reason, String message,
            String heartbeat, String transition) {
        NodeCondition c = new NodeCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastHeartbeatTime(heartbeat);
        c.setLastTransitionTime(transition);
        return c;
    }
}
