package dev.gpufleet.sim.store;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// The fields each resource supports in field selectors, and how to read them from an object.
public final class Fields {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> EXTRA = Map.of(
            "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "nodes", Set.of("spec.unschedulable"),
            "namespaces", Set.of("status.phase"),
            "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"));

    private Fields() {
    }

    /// The field names `plural` accepts in a field selector.
    public static Set<String> supported(String plural) {
        Set<String> fields = new HashSet<>(COMMON);
        fields.addAll(EXTRA.getOrDefault(plural, Set.of()));
        return fields;
    }

    /// The value of `field` on `object`, or null when unset (which selects as the empty string).
    public static @Nullable String value(HasMetadata object, String field) {
        return switch (field) {
            case "metadata.name" -> object.getMetadata().getName();
            case "metadata.namespace" -> object.getMetadata().getNamespace();
            default -> switch (object) {
                case Pod pod -> podField(pod, field);
                case Node node -> field.equals("spec.unschedulable")
                        ? Boolean.toString(Boolean.TRUE.equals(node.getSpec().getUnschedulable())) : null;
                case Namespace ns -> ns.getStatus() == null ? null : ns.getStatus().getPhase();
                case Event event -> eventField(event, field);
                default -> null;
            };
        };
    }

    private static @Nullable String podField(Pod pod, String field) {
        var spec = pod.getSpec();
        var status = pod.getStatus();
        return switch (field) {
            case "spec.nodeName" -> spec.getNodeName();
            case "spec.restartPolicy" -> spec.getRestartPolicy();
            case "spec.schedulerName" -> spec.getSchedulerName();
            case "spec.serviceAccountName" -> spec.getServiceAccountName();
            case "spec.hostNetwork" -> Boolean.toString(Boolean.TRUE.equals(spec.getHostNetwork()));
            case "status.phase" -> status == null ? null : status.getPhase();
            case "status.podIP" -> status == null ? null : status.getPodIP();
            case "status.nominatedNodeName" -> status == null ? null : status.getNominatedNodeName();
            default -> null;
        };
    }

    private static @Nullable String eventField(Event event, String field) {
        ObjectReference ref = event.getInvolvedObject();
        return switch (field) {
            case "involvedObject.kind" -> ref.getKind();
            case "involvedObject.namespace" -> ref.getNamespace();
            case "involvedObject.name" -> ref.getName();
            case "involvedObject.uid" -> ref.getUid();
            case "involvedObject.apiVersion" -> ref.getApiVersion();
            case "involvedObject.resourceVersion" -> ref.getResourceVersion();
            case "involvedObject.fieldPath" -> ref.getFieldPath();
            case "reason" -> event.getReason();
            case "reportingComponent" -> event.getReportingComponent();
            case "source" -> event.getSource() == null ? null : event.getSource().getComponent();
            case "type" -> event.getType();
            default -> null;
        };
    }
}
