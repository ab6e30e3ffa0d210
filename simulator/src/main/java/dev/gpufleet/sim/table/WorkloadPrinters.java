package dev.gpufleet.sim.table;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/// Table printers of controllers (apps, batch, policy) and leases.
final class WorkloadPrinters {

    private WorkloadPrinters() {
    }

    private static TablePrinter printer(List<Column> columns, BiFunction<HasMetadata, Instant, List<Object>> cells) {
        return new TablePrinter() {
            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public List<Object> cells(HasMetadata object, Instant now) {
                return cells.apply(object, now);
            }
        };
    }

    private static final Column CONTAINERS = Column.wide("Containers", "Names of each container in the template.");
    private static final Column IMAGES = Column.wide("Images", "Images referenced by each container in the template.");
    private static final Column SELECTOR = Column.wide("Selector", "The label selector of this resource.");

    static final TablePrinter DEPLOYMENTS = printer(List.of(Column.nameColumn(),
            Column.string("Ready", "Number of the pod with ready state"),
            Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            Column.age(), CONTAINERS, IMAGES, SELECTOR), (o, now) -> {
                Deployment d = (Deployment) o;
                var s = d.getStatus();
                return List.of(d.getMetadata().getName(), nz(s.getReadyReplicas()) + "/" + nz(d.getSpec().getReplicas()),
                        nz(s.getUpdatedReplicas()), nz(s.getAvailableReplicas()), age(o, now),
                        containers(d.getSpec().getTemplate()), images(d.getSpec().getTemplate()),
                        selector(d.getSpec().getSelector()));
            });

    static final TablePrinter REPLICASETS = printer(List.of(Column.nameColumn(),
            Column.integer("Desired", "Number of desired pods."), Column.integer("Current", "Number of actual replicas."),
            Column.integer("Ready", "Number of ready replicas."), Column.age(), CONTAINERS, IMAGES, SELECTOR), (o, now) -> {
                ReplicaSet rs = (ReplicaSet) o;
                var s = rs.getStatus();
                return List.of(rs.getMetadata().getName(), nz(rs.getSpec().getReplicas()), nz(s.getReplicas()),
                        nz(s.getReadyReplicas()), age(o, now), containers(rs.getSpec().getTemplate()),
                        images(rs.getSpec().getTemplate()), selector(rs.getSpec().getSelector()));
            });

    static final TablePrinter STATEFULSETS = printer(List.of(Column.nameColumn(),
            Column.string("Ready", "Number of the pod with ready state"), Column.age(), CONTAINERS, IMAGES), (o, now) -> {
                StatefulSet sts = (StatefulSet) o;
                return List.of(sts.getMetadata().getName(),
                        nz(sts.getStatus().getReadyReplicas()) + "/" + nz(sts.getSpec().getReplicas()), age(o, now),
                        containers(sts.getSpec().getTemplate()), images(sts.getSpec().getTemplate()));
            });

    static final TablePrinter DAEMONSETS = printer(List.of(Column.nameColumn(),
            Column.integer("Desired", "The desired number of nodes that should be running the daemon pod."),
            Column.integer("Current", "The number of nodes that are running at least 1 daemon pod."),
            Column.integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
            Column.integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
            Column.integer("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
            Column.string("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
            Column.age(), CONTAINERS, IMAGES, SELECTOR), (o, now) -> {
                DaemonSet ds = (DaemonSet) o;
                var s = ds.getStatus();
                Map<String, String> nodeSelector = ds.getSpec().getTemplate().getSpec().getNodeSelector();
                return List.of(ds.getMetadata().getName(), nz(s.getDesiredNumberScheduled()),
                        nz(s.getCurrentNumberScheduled()), nz(s.getNumberReady()), nz(s.getUpdatedNumberScheduled()),
                        nz(s.getNumberAvailable()), nodeSelector == null || nodeSelector.isEmpty() ? "<none>"
                                : labels(nodeSelector), age(o, now), containers(ds.getSpec().getTemplate()),
                        images(ds.getSpec().getTemplate()), selector(ds.getSpec().getSelector()));
            });

    static final TablePrinter JOBS = printer(List.of(Column.nameColumn(),
            Column.string("Status", "Status of the job."),
            Column.string("Completions", "The completion status of the job."),
            Column.string("Duration", "Time required to complete the job."), Column.age(), CONTAINERS, IMAGES,
            SELECTOR), (o, now) -> {
                Job job = (Job) o;
                var s = job.getStatus();
                String started = s.getStartTime();
                String duration = started == null ? "" : HumanDuration.format(Duration.between(Instant.parse(started), now));
                return List.of(job.getMetadata().getName(), "Running",
                        nz(s.getSucceeded()) + "/" + nz(job.getSpec().getCompletions()), duration, age(o, now),
                        containers(job.getSpec().getTemplate()), images(job.getSpec().getTemplate()),
                        selector(job.getSpec().getSelector()));
            });

    static final TablePrinter PDBS = printer(List.of(Column.nameColumn(),
            Column.string("Min Available", "The minimum number of pods that must be available."),
            Column.string("Max Unavailable", "The maximum number of pods that may be unavailable."),
            Column.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
            Column.age()), (o, now) -> {
                PodDisruptionBudget pdb = (PodDisruptionBudget) o;
                return List.of(pdb.getMetadata().getName(), intOrString(pdb.getSpec().getMinAvailable()),
                        intOrString(pdb.getSpec().getMaxUnavailable()), nz(pdb.getStatus().getDisruptionsAllowed()),
                        age(o, now));
            });

    static final TablePrinter LEASES = printer(List.of(Column.nameColumn(),
            Column.string("Holder", "HolderIdentity contains the identity of the holder of a current lease."),
            Column.age()), (o, now) -> {
                Object spec = ((GenericKubernetesResource) o).getAdditionalProperties().get("spec");
                Object holder = spec instanceof Map<?, ?> m ? m.get("holderIdentity") : null;
                return List.of(o.getMetadata().getName(), holder == null ? "" : holder.toString(), age(o, now));
            });

    static final TablePrinter DEFAULT = printer(List.of(Column.nameColumn(), new Column("Created At", "date", "",
            "CreationTimestamp is a timestamp representing the server time when this object was created.", 0)),
            (o, now) -> List.of(o.getMetadata().getName(), o.getMetadata().getCreationTimestamp()));

    private static String age(HasMetadata o, Instant now) {
        return HumanDuration.since(o.getMetadata().getCreationTimestamp(), now);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    private static String intOrString(IntOrString value) {
        if (value == null) {
            return "N/A";
        }
        return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }

    private static String containers(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().map(Container::getName).collect(Collectors.joining(","));
    }

    private static String images(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().map(Container::getImage).collect(Collectors.joining(","));
    }

    private static String selector(LabelSelector selector) {
        return selector == null || selector.getMatchLabels() == null ? "<none>" : labels(selector.getMatchLabels());
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
