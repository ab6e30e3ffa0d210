package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.FieldSelector;
import dev.gpufleet.sim.store.LabelSelector;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/// The disruption controller: keeps every PodDisruptionBudget's `currentHealthy`,
/// `desiredHealthy` and `disruptionsAllowed` current. Healthy pods are those the selector
/// matches that are `Running`, `Ready` and not terminating; `expectedPods` is the controller's
/// scale the budget was made with. Namespaces whose pods changed are recomputed on the next
/// tick, or at once (as an eviction needs) through [#recompute].
public final class DisruptionBudgets {

    private final ResourceStore<PodDisruptionBudget> pdbs;
    private final ResourceStore<Pod> pods;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    DisruptionBudgets(ResourceStore<PodDisruptionBudget> pdbs, ResourceStore<Pod> pods) {
        this.pdbs = pdbs;
        this.pods = pods;
    }

    /// Notes that pods in `namespace` changed.
    void podsChanged(String namespace) {
        dirty.add(namespace);
    }

    /// Recomputes the budgets of the namespaces whose pods changed.
    void advance(Instant now) {
        for (String namespace : List.copyOf(dirty)) {
            if (dirty.remove(namespace)) {
                recompute(namespace, now);
            }
        }
    }

    /// Recomputes every budget in `namespace` now; stores only the ones whose numbers changed.
    public synchronized void recompute(String namespace, Instant now) {
        List<PodDisruptionBudget> budgets = new ArrayList<>();
        pdbs.list(namespace, Selection.everything(), 0, null, budgets::add);
        for (PodDisruptionBudget pdb : budgets) {
            if (pdb.getSpec().getSelector() == null || pdb.getStatus() == null) {
                continue;
            }
            int healthy = healthy(namespace, pdb);
            int expected = Objects.requireNonNullElse(pdb.getStatus().getExpectedPods(), healthy);
            int desired = desired(pdb, expected);
            int allowed = Math.max(0, healthy - desired);
            PodDisruptionBudgetStatus s = pdb.getStatus();
            if (Objects.equals(s.getCurrentHealthy(), healthy) && Objects.equals(s.getDesiredHealthy(), desired)
                    && Objects.equals(s.getDisruptionsAllowed(), allowed)) {
                continue;
            }
            pdbs.update(namespace, pdb.getMetadata().getName(), current -> updated(current, healthy, desired, allowed, now));
        }
    }

    private int healthy(String namespace, PodDisruptionBudget pdb) {
        Map<String, String> match = pdb.getSpec().getSelector().getMatchLabels();
        if (match == null || match.isEmpty()) {
            return 0;
        }
        StringBuilder selector = new StringBuilder();
        match.forEach((k, v) -> selector.append(selector.isEmpty() ? "" : ",").append(k).append('=').append(v));
        int[] healthy = {0};
        pods.list(namespace, new Selection(LabelSelector.parse(selector.toString()), FieldSelector.everything()), 0, null, pod -> {
            if (healthy(pod)) {
                healthy[0]++;
            }
        });
        return healthy[0];
    }

    /// Running, Ready and not being deleted.
    static boolean healthy(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static int desired(PodDisruptionBudget pdb, int expected) {
        IntOrString min = pdb.getSpec().getMinAvailable();
        IntOrString max = pdb.getSpec().getMaxUnavailable();
        if (min != null) {
            return scaled(min, expected, true);
        }
        if (max != null) {
            return Math.max(0, expected - scaled(max, expected, true));
        }
        return expected;
    }

    private static int scaled(IntOrString value, int expected, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        if (text != null && text.endsWith("%")) {
            double share = Integer.parseInt(text.substring(0, text.length() - 1)) * expected / 100.0;
            return (int) (roundUp ? Math.ceil(share) : Math.floor(share));
        }
        return text == null ? 0 : Integer.parseInt(text);
    }

    private static PodDisruptionBudget updated(PodDisruptionBudget current, int healthy, int desired, int allowed,
            Instant now) {
        PodDisruptionBudget next = new PodDisruptionBudgetBuilder(current).build();
        PodDisruptionBudgetStatus s = next.getStatus();
        s.setCurrentHealthy(healthy);
        s.setDesiredHealthy(desired);
        s.setDisruptionsAllowed(allowed);
        String status = allowed > 0 ? "True" : "False";
        if (s.getConditions() != null) {
            for (Condition c : s.getConditions()) {
                if ("DisruptionAllowed".equals(c.getType()) && !status.equals(c.getStatus())) {
                    c.setStatus(status);
                    c.setReason(allowed > 0 ? "SufficientPods" : "InsufficientPods");
                    c.setLastTransitionTime(Times.time(now));
                }
            }
        }
        return next;
    }
}
