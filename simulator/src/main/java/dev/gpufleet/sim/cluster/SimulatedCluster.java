package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.faults.ExporterFaults;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.PodPlacements;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.fleet.Workload;
import dev.gpufleet.sim.metrics.AmdExporter;
import dev.gpufleet.sim.metrics.DcgmExporter;
import dev.gpufleet.sim.metrics.Dcgmi;
import dev.gpufleet.sim.metrics.NvidiaSmi;
import dev.gpufleet.sim.fleet.WorkloadKind;
import dev.gpufleet.sim.objects.ClusterObjects;
import dev.gpufleet.sim.objects.EventFactory;
import dev.gpufleet.sim.objects.ExtraPods;
import dev.gpufleet.sim.objects.NodeFactory;
import dev.gpufleet.sim.objects.PodFactory;
import dev.gpufleet.sim.objects.PodIdentity;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.objects.WorkloadFactory;
import dev.gpufleet.sim.store.LazySource;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.ResourceType;
import dev.gpufleet.sim.store.ResourceVersions;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/// The simulated cluster: one [ResourceStore] per served resource, filled lazily from the
/// fleet plan, plus the controller reactions the simulator emulates: an event and a taint when
/// a node is cordoned or uncordoned, graceful pod deletion ([PodTerminations]), owners that
/// replace removed pods ([OwnerControllers]), a scheduler for new pods ([PodScheduler]) and
/// the disruption controller ([DisruptionBudgets]), all moved on by [#advancePods()], which also
/// lets go of expired Events and old watch history ([Retention]).
public final class SimulatedCluster {

    private static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

    private final Fleet fleet;
    private final SimClock clock;
    private final ResourceVersions versions = new ResourceVersions();
    private final Map<String, ResourceStore<?>> stores = new LinkedHashMap<>();
    private final EventFactory eventFactory;
    private final PodIdentity identity;
    private final DcgmExporter exporter;
    private final AmdExporter amdExporter;
    private final ExporterFaults exporterFaults;
    private final PodRuns podRuns;
    private final NvidiaSmi nvidiaSmi;
    private final Dcgmi dcgmi;
    private final JobRuns jobRuns;
    private final PodTerminations terminations;
    private final PodScheduler scheduler;
    private final OwnerControllers controllers;
    private final DisruptionBudgets budgets;
    private final ClusterEvents recorder;
    private final GpuGrants grants;
    private final InjectedFaults faults;
    private final Retention retention;

    public SimulatedCluster(Fleet fleet, SimClock clock) {
        this.fleet = fleet;
        this.clock = clock;
        var start = clock.start();
        identity = new PodIdentity(fleet);
        PodFactory pods = new PodFactory(fleet, start, identity);
        WorkloadFactory workloads = new WorkloadFactory(fleet, start, identity);
        ClusterObjects objects = new ClusterObjects(fleet, start, identity, workloads);
        eventFactory = new EventFactory(fleet, start, identity, pods);
        addCoreStores(new NodeFactory(fleet, start), pods, objects);
        addWorkloadStores(workloads, objects);
        grants = new GpuGrants(fleet, identity, this::podExists);
        faults = new InjectedFaults(fleet);
        exporter = new DcgmExporter(fleet, this::podExists, this::podLabels, grants, faults);
        amdExporter = new AmdExporter(fleet, this::podExists, this::podLabels);
        exporterFaults = new ExporterFaults(IntStream.range(0, fleet.nodeCount())
                .mapToObj(fleet::nodeName).toList());
        podRuns = new PodRuns(fleet, clock);
        nvidiaSmi = new NvidiaSmi(fleet);
        dcgmi = new Dcgmi(fleet);
        jobRuns = new JobRuns(clock);
        recorder = new ClusterEvents(events());
        scheduler = new PodScheduler(this, recorder);
        controllers = new OwnerControllers(this, recorder, scheduler);
        budgets = new DisruptionBudgets(pdbs(), pods());
        terminations = new PodTerminations(pods(), clock, fleet.seed(), this::podRemoved, this::podTerminating);
        retention = new Retention(stores(), events());
        if (fleet.schedulerPacks()) {
            pods().list(null, Selection.everything(), 0, null, pod -> {
                if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                    scheduler.enqueue(pod);
                }
            });
        }
    }

    private void addCoreStores(NodeFactory nodes, PodFactory pods, ClusterObjects objects) {
        List<String> namespaces = ClusterObjects.namespaceNames(fleet);
        add(Resources.NAMESPACES, Namespace.class, LazySource.of(namespaces.size(), i -> "", namespaces::get,
                (i, rv) -> objects.namespace(namespaces.get(i), rv)));
        add(Resources.NODES, Node.class, new LazySource<>(fleet.nodeCount(), i -> "", fleet::nodeName, nodes::build,
                (i, field) -> field.equals("spec.unschedulable") ? Boolean.toString(fleet.initiallyCordoned(i)) : null,
                null));
        ExtraPods extra = new ExtraPods(fleet, clock.start());
        int own = fleet.pods().size();
        add(Resources.PODS, Pod.class, new LazySource<>(own + extra.size(),
                i -> i < own ? identity.namespace(i) : extra.namespace(i - own),
                i -> i < own ? identity.name(i) : extra.name(i - own),
                (i, rv) -> i < own ? pods.build(i, rv) : extra.build(i - own, rv),
                (i, field) -> i < own ? cheapPodField(i, field) : extraPodField(extra, i - own, field),
                i -> i < own ? identity.podLabels(i) : extra.labels(i - own)));
        add(Resources.EVENTS, Event.class, LazySource.fixed(eventFactory.initialEvents()));
        add(Resources.LEASES, GenericKubernetesResource.class, LazySource.of(fleet.nodeCount(),
                i -> "kube-node-lease", fleet::nodeName, (i, rv) -> objects.lease(i, rv, clock.now())));
    }

    private void addWorkloadStores(WorkloadFactory workloads, ClusterObjects objects) {
        addWorkloads(Resources.DEPLOYMENTS, Deployment.class, w -> w.kind().viaReplicaSet(), Workload::name,
                workloads::deployment);
        addWorkloads(Resources.REPLICASETS, ReplicaSet.class, w -> w.kind().viaReplicaSet(), identity::replicaSetName,
                workloads::replicaSet);
        addWorkloads(Resources.STATEFULSETS, StatefulSet.class, w -> w.kind() == WorkloadKind.NOTEBOOK,
                Workload::name, workloads::statefulSet);
        addWorkloads(Resources.DAEMONSETS, DaemonSet.class, w -> w.kind() == WorkloadKind.DAEMON, Workload::name,
                workloads::daemonSet);
        addWorkloads(Resources.JOBS, Job.class, w -> w.kind() == WorkloadKind.TRAINING, Workload::name,
                workloads::job);
        List<Integer> pdbIds = objects.pdbWorkloads();
        add(Resources.PDBS, PodDisruptionBudget.class, LazySource.of(pdbIds.size(),
                i -> fleet.workload(pdbIds.get(i)).namespace(), i -> fleet.workload(pdbIds.get(i)).name() + "-pdb",
                (i, rv) -> objects.pdb(fleet.workload(pdbIds.get(i)), rv)));
    }

    // The fleet's pod is still on its GPUs: there, and not a replacement bound elsewhere.
    private boolean podExists(int pod) {
        Pod p = pods().get(identity.namespace(pod), identity.name(pod));
        int node = fleet.pods().node(pod);
        return p != null && (node == PodPlacements.PENDING || fleet.nodeName(node).equals(p.getSpec().getNodeName()));
    }

    private String[] podLabels(int pod) {
        Workload w = fleet.workload(fleet.pods().workload(pod));
        return new String[] {w.container(), w.namespace(), identity.name(pod)};
    }

    private @Nullable String cheapPodField(int pod, String field) {
        int node = fleet.pods().node(pod);
        return switch (field) {
            case "spec.nodeName" -> node == PodPlacements.PENDING ? "" : fleet.nodeName(node);
            case "status.phase" -> node == PodPlacements.PENDING ? "Pending" : "Running";
            default -> null;
        };
    }

    private @Nullable String extraPodField(ExtraPods extra, int i, String field) {
        return switch (field) {
            case "spec.nodeName" -> fleet.nodeName(extra.node(i));
            case "status.phase" -> "Running";
            default -> null;
        };
    }

    private <T extends HasMetadata> void add(ResourceType type, Class<T> cls, LazySource<T> source) {
        stores.put(key(type.group(), type.version(), type.plural()), new ResourceStore<>(type, cls, source, versions,
                clock::now));
    }

    private <T extends HasMetadata> void addWorkloads(ResourceType type, Class<T> cls, Predicate<Workload> filter,
            Function<Workload, String> name, BiFunction<Workload, String, T> build) {
        List<Workload> selected = fleet.workloads().stream().filter(filter).toList();
        add(type, cls, LazySource.of(selected.size(), i -> selected.get(i).namespace(),
                i -> name.apply(selected.get(i)), (i, rv) -> build.apply(selected.get(i), rv)));
    }

    private static String key(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }

    public Fleet fleet() {
        return fleet;
    }

    public SimClock clock() {
        return clock;
    }

    public PodIdentity podIdentity() {
        return identity;
    }

    /// The store serving `group/version/plural`, or null when the simulator does not serve it.
    public @Nullable ResourceStore<?> store(String group, String version, String plural) {
        return stores.get(key(group, version, plural));
    }

    @SuppressWarnings("unchecked")
    public ResourceStore<Node> nodes() {
        return (ResourceStore<Node>) stores.get(key("", "v1", "nodes"));
    }

    @SuppressWarnings("unchecked")
    public ResourceStore<Pod> pods() {
        return (ResourceStore<Pod>) stores.get(key("", "v1", "pods"));
    }

    @SuppressWarnings("unchecked")
    public ResourceStore<Job> jobs() {
        return (ResourceStore<Job>) stores.get(key("batch", "v1", "jobs"));
    }

    @SuppressWarnings("unchecked")
    public ResourceStore<PodDisruptionBudget> pdbs() {
        return (ResourceStore<PodDisruptionBudget>) stores.get(key("policy", "v1", "poddisruptionbudgets"));
    }

    @SuppressWarnings("unchecked")
    public ResourceStore<Event> events() {
        return (ResourceStore<Event>) stores.get(key("", "v1", "events"));
    }

    /// Every store, in discovery order.
    public List<ResourceStore<?>> stores() {
        return new ArrayList<>(stores.values());
    }

    /// The dcgm-exporter of every node; evicted or deleted pods no longer show on their GPUs.
    public DcgmExporter exporter() {
        return exporter;
    }

    /// The GPUs' faults now: the planned ones and those injected since the start.
    public InjectedFaults faults() {
        return faults;
    }

    /// The AMD device-metrics-exporter of every AMD node.
    public AmdExporter amdExporter() {
        return amdExporter;
    }

    /// Which nodes' exporters answer 500, hang or cut their answer short; all off at start.
    public ExporterFaults exporterFaults() {
        return exporterFaults;
    }

    /// The GPUs and MIG instances given to pods placed since the start.
    GpuGrants grants() {
        return grants;
    }

    /// The lifecycle of pods created through the API.
    public PodRuns podRuns() {
        return podRuns;
    }

    /// What `dcgmi diag` prints on each simulated node.
    public Dcgmi dcgmi() {
        return dcgmi;
    }

    /// The Job controller: a Job created through the API gets its pod, and its status follows it.
    public JobRuns jobRuns() {
        return jobRuns;
    }

    /// What `nvidia-smi` prints on each simulated node.
    public NvidiaSmi nvidiaSmi() {
        return nvidiaSmi;
    }

    /// Graceful deletion of pods (DELETE and evictions).
    public PodTerminations terminations() {
        return terminations;
    }

    /// The disruption controller keeping the PodDisruptionBudgets' status current.
    public DisruptionBudgets budgets() {
        return budgets;
    }

    /// Notes that a pod in `namespace` changed outside the simulated controllers (a PATCH).
    public void podChanged(String namespace) {
        budgets.podsChanged(namespace);
    }

    /// Starts following a pod created through the API: bound ones run, unbound ones are scheduled.
    public void podCreated(Pod pod) {
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            scheduler.enqueue(pod);
        } else {
            grants.grant(pod, pod.getSpec().getNodeName());
            podRuns.track(pod);
        }
        budgets.podsChanged(pod.getMetadata().getNamespace());
    }

    /// The Job controller's answer to a Job just stored: its pod, admitted, stored and followed.
    public void jobCreated(Job job) {
        Pod pod = podRuns.admit(jobRuns.podFor(job));
        podCreated(pods().create(pod, Times.time(clock.now())));
    }

    /// Background propagation after a Job was deleted: its pod goes at once (grace 0), through
    /// the same removal as any pod, so the GPUs it held are free again.
    public void jobDeleted(String namespace, String job) {
        String pod = jobRuns.forget(namespace, job);
        if (pod != null && pods().get(namespace, pod) != null) {
            terminations.delete(namespace, pod, 0L);
        }
    }

    /// Sets `spec.unschedulable` of a node, as `kubectl cordon` and `uncordon` do, with the
    /// controller's reaction ([#nodeSchedulingChanged(String, boolean)]).
    void setUnschedulable(String nodeName, boolean unschedulable) {
        nodes().update("", nodeName, current -> {
            Node next = new NodeBuilder(current).build();
            next.getSpec().setUnschedulable(unschedulable ? Boolean.TRUE : null);
            return next;
        });
        nodeSchedulingChanged(nodeName, unschedulable);
    }

    /// A node's kubelet stopped posting status, or posts it again ([NodeReadiness]); an event
    /// from the node controller records it.
    void nodeReadinessChanged(int node, boolean ready) {
        String name = fleet.nodeName(node);
        Node after = nodes().update("", name, current -> NodeReadiness.changed(current, ready, clock.now()));
        recorder.record(ClusterEvents.ref(after), ready ? "Normal" : "Warning", ready ? "NodeReady" : "NodeNotReady",
                "Node " + name + " status is now: " + (ready ? "NodeReady" : "NodeNotReady"), "node-controller",
                null, clock.now());
        scheduler.clusterChanged();
    }

    /// A pod is gone with its node, and its owner does not replace it until [#podReturns(Pod)].
    void podVanished(Pod pod) {
        pods().delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        podRuns.forget(pod);
        grants.release(pod);
        budgets.podsChanged(pod.getMetadata().getNamespace());
    }

    /// The owner of a pod that vanished creates it again (a DaemonSet's on its node, if schedulable).
    void podReturns(Pod gone) {
        controllers.podRemoved(gone);
    }

    /// One tick of the simulated kubelets and controllers: pods created through the API move
    /// on to the phase the clock has reached, terminating pods whose containers stopped are
    /// removed (and replaced by their owners), waiting pods are scheduled, the disruption
    /// budgets of namespaces whose pods changed are recomputed, and now and then Events past
    /// their TTL and watch history past the compaction window are let go of.
    public synchronized void advancePods() {
        podRuns.advance(pods(), events(), budgets::podsChanged);
        jobRuns.advance(jobs(), pods());
        terminations.advance();
        scheduler.advance();
        budgets.advance(clock.now());
        retention.sweep(clock.now());
    }

    // The kubelet stops the containers of a pod being deleted, and says so.
    private void podTerminating(Pod pod) {
        budgets.podsChanged(pod.getMetadata().getNamespace());
        String node = pod.getSpec().getNodeName();
        for (var c : pod.getSpec().getContainers()) {
            recorder.record(new io.fabric8.kubernetes.api.model.ObjectReferenceBuilder(ClusterEvents.ref(pod))
                    .withFieldPath("spec.containers{" + c.getName() + "}").build(), "Normal", "Killing",
                    "Stopping container " + c.getName(), "kubelet", node, clock.now());
        }
    }

    private void podRemoved(Pod gone) {
        podRuns.forget(gone);
        grants.release(gone);
        scheduler.clusterChanged();
        budgets.podsChanged(gone.getMetadata().getNamespace());
        controllers.podRemoved(gone);
    }

    /// Emulates the node lifecycle controller after a cordon or uncordon: the
    /// `node.kubernetes.io/unschedulable:NoSchedule` taint follows `spec.unschedulable`, and an
    /// event records the change.
    public void nodeSchedulingChanged(String nodeName, boolean unschedulable) {
        int node = fleet.nodeIndex(nodeName);
        if (node < 0) {
            return;
        }
        nodes().update("", nodeName, current -> {
            Node next = new NodeBuilder(current).build();
            List<Taint> taints = new ArrayList<>(next.getSpec().getTaints() == null ? List.of() : next.getSpec().getTaints());
            taints.removeIf(t -> UNSCHEDULABLE_TAINT.equals(t.getKey()));
            if (unschedulable) {
                taints.add(new Taint("NoSchedule", UNSCHEDULABLE_TAINT, Times.time(clock.now()), null));
            }
            next.getSpec().setTaints(taints);
            return next;
        });
        events().create(eventFactory.schedulableChanged(node, unschedulable, clock.now()), Times.time(clock.now()));
        scheduler.clusterChanged();
    }
}
