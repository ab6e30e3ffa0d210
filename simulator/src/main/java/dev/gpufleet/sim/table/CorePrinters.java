package dev.gpufleet.sim.table;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/// Table printers of the core group: nodes, pods, namespaces and events, with the columns the
/// real API server prints.
final class CorePrinters {

    private static final String NONE = "<none>";

    private CorePrinters() {
    }

    static final TablePrinter NODES = new TablePrinter() {
        @Override
        public List<Column> columns() {
            return List.of(Column.nameColumn(), Column.string("Status", "The status of the node"),
                    Column.string("Roles", "The roles of the node"), Column.age(),
                    Column.string("Version", "Kubelet Version reported by the node."),
                    Column.wide("Internal-IP", "List of internal IPs in the node."),
                    Column.wide("External-IP", "List of external IPs in the node."),
                    Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                    Column.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                    Column.wide("Container-Runtime", "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2)."));
        }

        @Override
        public List<Object> cells(HasMetadata object, Instant now) {
            Node node = (Node) object;
            var info = node.getStatus().getNodeInfo();
            return List.of(node.getMetadata().getName(), nodeStatus(node), roles(node.getMetadata().getLabels()),
                    HumanDuration.since(node.getMetadata().getCreationTimestamp(), now), info.getKubeletVersion(),
                    address(node, "InternalIP"), address(node, "ExternalIP"), info.getOsImage(),
                    info.getKernelVersion(), info.getContainerRuntimeVersion());
        }
    };

    // As kubectl's printer: a waiting or terminated container's reason says more than the phase
    // (ContainerCreating, Completed, Error, ExitCode:1).
    private static String containerReason(List<ContainerStatus> statuses, String phase) {
        String reason = phase;
        for (ContainerStatus cs : statuses) {
            var state = cs.getState();
            if (state == null) {
                continue;
            }
            if (state.getWaiting() != null && state.getWaiting().getReason() != null
                    && !state.getWaiting().getReason().isEmpty()) {
                reason = state.getWaiting().getReason();
            } else if (state.getTerminated() != null) {
                var term = state.getTerminated();
                reason = term.getReason() != null && !term.getReason().isEmpty() ? term.getReason()
                        : "ExitCode:" + term.getExitCode();
            }
        }
        return reason;
    }

    private static String nodeStatus(Node node) {
        String status = "Unknown";
        for (NodeCondition c : node.getStatus().getConditions()) {
            if (c.getType().equals("Ready")) {
                status = c.getStatus().equals("True") ? "Ready" : "NotReady";
            }
        }
        return Boolean.TRUE.equals(node.getSpec().getUnschedulable()) ? status + ",SchedulingDisabled" : status;
    }

    private static String roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        labels.forEach((k, v) -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            } else if (k.equals("kubernetes.io/role")) {
                roles.add(v);
            }
        });
        return roles.isEmpty() ? NONE : String.join(",", roles);
    }

    private static String address(Node node, String type) {
        List<String> ips = new ArrayList<>();
        for (NodeAddress a : node.getStatus().getAddresses()) {
            if (a.getType().equals(type)) {
                ips.add(a.getAddress());
            }
        }
        return ips.isEmpty() ? NONE : String.join(",", ips);
    }

    static final TablePrinter PODS = new TablePrinter() {
        @Override
        public List<Column> columns() {
            return List.of(Column.nameColumn(),
                    Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                    Column.string("Status", "The aggregate status of the containers in this pod."),
                    Column.string("Restarts", "The number of times the containers in this pod have been restarted "
                            + "and when the last container in this pod has restarted."),
                    Column.age(), Column.wide("IP", "podIP is the IP address allocated to the pod."),
                    Column.wide("Node", "NodeName indicates in which node this pod is scheduled."),
                    Column.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node."),
                    Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."));
        }

        @Override
        public List<Object> cells(HasMetadata object, Instant now) {
            Pod pod = (Pod) object;
            var status = pod.getStatus();
            List<ContainerStatus> statuses = status.getContainerStatuses();
            int total = pod.getSpec().getContainers().size();
            int ready = 0;
            int restarts = 0;
            String lastRestart = null;
            for (ContainerStatus cs : statuses) {
                ready += Boolean.TRUE.equals(cs.getReady()) ? 1 : 0;
                restarts += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
                var term = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
                if (term != null && term.getFinishedAt() != null) {
                    lastRestart = term.getFinishedAt();
                }
            }
            String restartCell = restarts > 0 && lastRestart != null
                    ? restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)" : Integer.toString(restarts);
            String phase = pod.getMetadata().getDeletionTimestamp() != null ? "Terminating" : containerReason(statuses,
                    status.getReason() != null ? status.getReason() : status.getPhase());
            return List.of(pod.getMetadata().getName(), ready + "/" + total, phase, restartCell,
                    HumanDuration.since(pod.getMetadata().getCreationTimestamp(), now), orNone(status.getPodIP()),
                    orNone(pod.getSpec().getNodeName()), orNone(status.getNominatedNodeName()), NONE);
        }
    };

    static final TablePrinter NAMESPACES = new TablePrinter() {
        @Override
        public List<Column> columns() {
            return List.of(Column.nameColumn(), Column.string("Status", "The status of the namespace"), Column.age());
        }

        @Override
        public List<Object> cells(HasMetadata object, Instant now) {
            Namespace ns = (Namespace) object;
            return List.of(ns.getMetadata().getName(), ns.getStatus().getPhase(),
                    HumanDuration.since(ns.getMetadata().getCreationTimestamp(), now));
        }
    };

    static final TablePrinter EVENTS = new TablePrinter() {
        @Override
        public List<Column> columns() {
            return List.of(Column.string("Last Seen", "Time when last event occurred"),
                    Column.string("Type", "Type of this event (Normal, Warning), new types could be added in the future."),
                    Column.string("Reason", "Reason is why the action was taken. It is human-readable."),
                    Column.string("Object", "The object that this event is about."),
                    Column.wide("Subobject", "The subobject that this event is about."),
                    Column.wide("Source", "The component reporting this event."),
                    Column.string("Message", "A human-readable description of the status of this operation."),
                    Column.wide("First Seen", "Time when first event occurred"),
                    new Column("Count", "integer", "", "The number of times this event has occurred.", 1),
                    new Column("Name", "string", "name", "Name of the event.", 1));
        }

        @Override
        public List<Object> cells(HasMetadata object, Instant now) {
            Event e = (Event) object;
            var ref = e.getInvolvedObject();
            String source = e.getSource() == null || e.getSource().getComponent() == null ? ""
                    : e.getSource().getComponent() + (e.getSource().getHost() == null ? "" : ", " + e.getSource().getHost());
            return List.of(HumanDuration.since(e.getLastTimestamp(), now), e.getType(), e.getReason(),
                    ref.getKind().toLowerCase(Locale.ROOT) + "/" + ref.getName(),
                    ref.getFieldPath() == null ? "" : ref.getFieldPath(), source, e.getMessage(),
                    HumanDuration.since(e.getFirstTimestamp(), now), e.getCount() == null ? 1 : e.getCount(),
                    e.getMetadata().getName());
        }
    };

    static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
