package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.drain.Disposition;
import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlanner;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/// Builds the planner's [FleetModel] and [PlanBook] from its input, in a canonical order (nodes
/// and pods by name, budgets by qualified name) so the plan does not depend on input order.
final class FleetModels {

    /// Pending pods in the order they are served: higher priority, then bigger, then older.
    static final Comparator<PodState> PENDING_ORDER = Comparator.comparingInt(PodState::priority).reversed()
            .thenComparing(Comparator.comparingLong((PodState p) -> p.gpus).reversed())
            .thenComparing(p -> p.record.created(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(PodState::name);

    private static final Comparator<PodRecord> BY_NAME = Comparator.comparing(PodRecord::namespace)
            .thenComparing(PodRecord::name);

    record Built(FleetModel model, PlanBook book) {
    }

    private final RebalanceInput input;
    private final RebalanceOptions options;
    private final NodeRecord[] nodes;
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final List<String> resources;
    private final Map<String, Integer> resourceIndex = new HashMap<>();
    private final int[] model;
    private final PlanBook book;

    private FleetModels(RebalanceInput input, RebalanceOptions options) {
        this.input = input;
        this.options = options;
        this.nodes = input.nodes().stream().sorted(Comparator.comparing(NodeRecord::name)).toArray(NodeRecord[]::new);
        for (int n = 0; n < nodes.length; n++) {
            if (nodeIndex.put(nodes[n].name(), n) != null) {
                throw new IllegalArgumentException("Node " + nodes[n].name()
                        + " appears twice in the rebalance input: give each node once");
            }
        }
        this.resources = resources(input);
        resources.forEach(r -> resourceIndex.put(r, resourceIndex.size()));
        this.model = new int[nodes.length];
        Map<String, Integer> models = new HashMap<>();
        for (int n = 0; n < nodes.length; n++) {
            String product = nodes[n].gpuProduct();
            model[n] = product == null ? -1 : models.computeIfAbsent(product, p -> models.size());
        }
        this.book = PlanBook.of(input.budgets(), options);
    }

    static Built build(RebalanceInput input, RebalanceOptions options) {
        return new FleetModels(input, options).build();
    }

    private Built build() {
        Health[] health = new Health[nodes.length];
        double[] heat = new double[nodes.length];
        long[][] alloc = new long[nodes.length][resources.size()];
        List<List<PodState>> podsOn = new ArrayList<>(nodes.length);
        for (int n = 0; n < nodes.length; n++) {
            health[n] = input.nodeHealth().getOrDefault(nodes[n].name(), Health.UNKNOWN);
            heat[n] = input.nodeHeat().getOrDefault(nodes[n].name(), 0.0);
            for (Map.Entry<String, Long> resource : nodes[n].gpuResources().entrySet()) {
                alloc[n][resourceIndex.get(resource.getKey())] = resource.getValue();
            }
            podsOn.add(new ArrayList<>(4));
        }
        List<PodState> pending = new ArrayList<>();
        placePods(podsOn, pending);
        pending.sort(PENDING_ORDER);
        return new Built(new FleetModel(nodes, health, heat, model, resources, alloc, podsOn, pending), book);
    }

    /// GPU pods that still run go to their node's list (in name order), those without a node to
    /// `pending`; pods on nodes the input does not name are left out.
    private void placePods(List<List<PodState>> podsOn, List<PodState> pending) {
        PodRecord[] pods = input.pods().toArray(PodRecord[]::new);
        Arrays.sort(pods, BY_NAME);
        DrainOptions rules = DrainOptions.defaults().withDeleteEmptyDirData(options.allowEmptyDir());
        for (int p = 0; p < pods.length; p++) {
            PodRecord pod = pods[p];
            if (p > 0 && BY_NAME.compare(pods[p - 1], pod) == 0) {
                throw new IllegalArgumentException("Pod " + pod.qualifiedName()
                        + " appears twice in the rebalance input: give each pod once");
            }
            if (pod.finished() || pod.gpusRequested() <= 0) {
                continue;
            }
            int[] res = resourceOrder(pod, resourceIndex);
            long[] counts = new long[res.length];
            for (int i = 0; i < res.length; i++) {
                counts[i] = pod.gpuRequests().get(resources.get(res[i]));
            }
            Integer node = pod.nodeName() == null ? null : nodeIndex.get(pod.nodeName());
            if (pod.nodeName() == null) {
                pending.add(new PodState(pod, res, counts, -1, book.budgetsOf(pod), null, -1));
            } else if (node != null) {
                int keep = options.keepGpuModel() ? model[node] : -1;
                podsOn.get(node).add(new PodState(pod, res, counts, node, book.budgetsOf(pod), refusal(pod, rules), keep));
            }
        }
    }

    /// Why drain's rules keep this pod where it is; `null` when it may be evicted. The same rules
    /// as `gpufleet drain` without `--force`: DaemonSet pods, mirror pods (owned by a Node) and
    /// pods no controller owns stay; emptyDir pods stay unless their data may go.
    static @Nullable String refusal(PodRecord pod, DrainOptions rules) {
        boolean mirror = pod.owner() != null && "Node".equals(pod.owner().kind());
        DrainCandidate candidate = new DrainCandidate(pod.namespace(), pod.name(), "", pod.phase(), pod.owner(), mirror,
                pod.emptyDir(), false, pod.gpusRequested(), List.of(), List.of());
        Disposition disposition = DrainPlanner.disposition(candidate, rules);
        return disposition == Disposition.EVICT ? null : disposition.description();
    }

    private static List<String> resources(RebalanceInput input) {
        TreeSet<String> all = new TreeSet<>();
        input.nodes().forEach(node -> all.addAll(node.gpuResources().keySet()));
        input.pods().forEach(pod -> all.addAll(pod.gpuRequests().keySet()));
        return List.copyOf(all);
    }

    /// Resource indices of the pod's positive requests, largest request first.
    private static int[] resourceOrder(PodRecord pod, Map<String, Integer> resourceIndex) {
        if (pod.gpuRequests().size() == 1) {
            return new int[] {resourceIndex.get(pod.gpuRequests().keySet().iterator().next())};
        }
        return pod.gpuRequests().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .mapToInt(e -> resourceIndex.get(e.getKey()))
                .toArray();
    }
}
