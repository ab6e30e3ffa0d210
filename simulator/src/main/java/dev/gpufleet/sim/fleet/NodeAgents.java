package dev.gpufleet.sim.fleet;

/// Per-node agents beside the GPU workloads, as big clusters run them: log shippers, node
/// exporters, CNI and CSI node plugins, node-local DNS. Each is a CPU-only DaemonSet in
/// `kube-system`; [FleetPlanner] adds them in this order, one pod per node, until the fleet
/// has the pod count `gpufleet sim --pods` asks for. The last one it needs runs on the first
/// nodes only (a DaemonSet with a node selector), so the count comes out exact.
final class NodeAgents {

    /// Name, image and container of each agent, in the order they are added.
    private static final String[][] AGENTS = {
        {"node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", "node-exporter"},
        {"fluent-bit", "cr.fluentbit.io/fluent/fluent-bit:3.1.9", "fluent-bit"},
        {"calico-node", "docker.io/calico/node:v3.28.2", "calico-node"},
        {"ebs-csi-node", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0", "ebs-plugin"},
        {"node-problem-detector", "registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.20",
            "node-problem-detector"},
        {"node-local-dns", "registry.k8s.io/dns/k8s-dns-node-cache:1.23.1", "node-cache"},
        {"datadog-agent", "gcr.io/datadoghq/agent:7.57.2", "agent"},
        {"falco", "docker.io/falcosecurity/falco:0.39.1", "falco"},
        {"istio-cni-node", "docker.io/istio/install-cni:1.23.2", "install-cni"},
        {"secrets-store-csi-driver", "registry.k8s.io/csi-secrets-store/driver:v1.4.5", "secrets-store"},
        {"kured", "ghcr.io/kubereboot/kured:1.16.0", "kured"},
        {"otel-collector-agent", "otel/opentelemetry-collector-contrib:0.111.0", "otel-collector"},
    };

    /// Most pods the agents can add per node.
    static final int MAX_PER_NODE = AGENTS.length;

    private NodeAgents() {
    }

    /// Adds agent DaemonSets and their pods until the fleet holds `target` pods; a target at
    /// or below the pods already planned adds nothing.
    ///
    /// @throws IllegalArgumentException when `target` needs more than [#MAX_PER_NODE] agents per node
    static void fill(FleetPlanner planner, int nodes, int target) {
        int missing = target - planner.podCount();
        if (missing <= 0) {
            return;
        }
        if (missing > (long) nodes * MAX_PER_NODE) {
            throw new IllegalArgumentException("pods: " + target + " needs more than " + MAX_PER_NODE
                    + " agent pods per node beside the GPU workloads; at most "
                    + (planner.podCount() + (long) nodes * MAX_PER_NODE) + " on " + nodes + " nodes");
        }
        for (String[] agent : AGENTS) {
            if (missing == 0) {
                return;
            }
            int count = Math.min(nodes, missing);
            int id = planner.addWorkload(new Workload(0, WorkloadKind.DAEMON, "kube-system", agent[0], count, 0,
                    null, false, 86_400L * 180, agent[1], agent[2]));
            for (int node = 0; node < count; node++) {
                planner.addPod(id, node, node, 0, 0, PodPlacements.WHOLE_GPU);
            }
            missing -= count;
        }
    }
}
