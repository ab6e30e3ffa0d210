package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.Evidence.Source.EVENTS;
import static dev.gpufleet.core.triage.Evidence.Source.NODE;

import dev.gpufleet.core.model.NodeCondition;
import dev.gpufleet.core.model.NodeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/// The evidence a Kubernetes Node gives about itself: Ready, the pressure conditions (and
/// any problem condition a node-problem detector adds), the cordon, and warning events.
final class NodeRules {

    /// Most events a report lists, newest first.
    static final int MAX_EVENTS = 20;
    // Conditions that are good when True; every other condition is a problem when True.
    private static final Set<String> GOOD_WHEN_TRUE = Set.of("Ready");
    private static final Set<String> SERIOUS = Set.of("NetworkUnavailable");

    private NodeRules() {
    }

    /// Warning events weigh in the verdict of a whole-node triage; for one GPU they are only
    /// context, because an event rarely says which GPU it is about.
    static List<Evidence> evidence(NodeRecord node, List<NodeEvent> events, boolean eventsCount) {
        List<Evidence> found = new ArrayList<>();
        if (!node.ready()) {
            Instant since = node.conditions().stream().filter(c -> c.type().equals("Ready"))
                    .map(NodeCondition::since).findFirst().orElse(null);
            found.add(new Evidence(Verdict.DEGRADED, null, "Node is not Ready: its pods cannot run or report",
                    "Ready=" + readyStatus(node), since, NODE, Action.DRAIN));
        }
        for (NodeCondition condition : node.conditions()) {
            if (!GOOD_WHEN_TRUE.contains(condition.type()) && condition.isTrue()) {
                Verdict severity = SERIOUS.contains(condition.type()) ? Verdict.DEGRADED : Verdict.WATCH;
                String why = condition.message() != null ? condition.message()
                        : condition.reason() != null ? condition.reason() : "";
                found.add(new Evidence(severity, null, "Node condition " + condition.type()
                        + (why.isEmpty() ? "" : ": " + why), "True", condition.since(), NODE, Action.WATCH));
            }
        }
        if (node.unschedulable()) {
            found.add(new Evidence(Verdict.HEALTHY, null, "Node is cordoned: no new pods are scheduled on it",
                    "cordoned", null, NODE, Action.NONE));
        }
        events.stream().filter(NodeEvent::isWarning)
                .sorted(Comparator.comparing((NodeEvent e) -> e.lastSeen() == null ? Instant.MIN : e.lastSeen())
                        .reversed())
                .limit(MAX_EVENTS)
                .forEach(e -> found.add(new Evidence(eventsCount ? Verdict.WATCH : Verdict.HEALTHY, null,
                        "Event " + e.reason() + ": " + e.message(), e.count() + (e.count() == 1 ? " time" : " times"),
                        e.firstSeen(), EVENTS, eventsCount ? Action.WATCH : Action.NONE)));
        return found;
    }

    private static String readyStatus(NodeRecord node) {
        return node.conditions().stream().filter(c -> c.type().equals("Ready")).map(NodeCondition::status)
                .findFirst().orElse("False");
    }
}
