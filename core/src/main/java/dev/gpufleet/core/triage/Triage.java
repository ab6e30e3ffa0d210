package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.Evidence.Source.TELEMETRY;
import static dev.gpufleet.core.triage.Evidence.Source.XID_HISTORY;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/// Triages a node, or one GPU of it, into a [TriageReport]: a pure function of what the store
/// and the cluster said, so a view model and the command line get the same answer.
///
/// The verdict is the worst severity of the evidence; the action the strongest any evidence
/// of at least WATCH severity asks for. A GPU without telemetry is never healthy: missing or
/// stale data is WATCH evidence of its own.
public final class Triage {

    private static final Comparator<Evidence> WORST_FIRST = Comparator
            .comparing(Evidence::severity).reversed()
            .thenComparing(Evidence::action, Comparator.reverseOrder())
            .thenComparing(e -> e.gpu() == null ? -1 : e.gpu());

    private Triage() {
    }

    /// The report for `node`, or for its GPU `gpuIndex` when given.
    ///
    /// @throws IllegalArgumentException when the node has no GPU `gpuIndex`
    public static TriageReport of(NodeSnapshot node, Optional<Integer> gpuIndex, XidHistory xids,
            List<NodeEvent> events, TriageThresholds thresholds, Instant now) {
        List<GpuSnapshot> gpus = gpuIndex.map(index -> List.of(gpu(node, index))).orElse(node.gpus());
        boolean wholeNode = gpuIndex.isEmpty();
        List<Evidence> evidence = new ArrayList<>();
        List<TriageReport.GpuVerdict> verdicts = new ArrayList<>();
        List<TriageReport.XidEntry> xidEntries = new ArrayList<>();
        for (GpuSnapshot gpu : gpus) {
            List<Evidence> own = gpuEvidence(gpu, xids.of(gpu), node.telemetryProblem(), thresholds, now);
            own.sort(WORST_FIRST);
            Verdict verdict = TriageRules.worst(own);
            verdicts.add(new TriageReport.GpuVerdict(gpu.index(), gpu.uuid(), gpu.model(), verdict,
                    actionFor(verdict, own), reasonFor(own, false)));
            evidence.addAll(own);
            for (XidRecord record : xids.of(gpu)) {
                xidEntries.add(new TriageReport.XidEntry(gpu.index(), record,
                        XidCatalog.lookup(record.code()).orElse(null)));
            }
        }
        evidence.addAll(NodeRules.evidence(node.node(), events, wholeNode));
        evidence.sort(WORST_FIRST);
        Verdict verdict = TriageRules.worst(evidence);
        List<NodeEvent> recent = events.stream()
                .sorted(Comparator.comparing((NodeEvent e) -> e.lastSeen() == null ? Instant.MIN : e.lastSeen())
                        .reversed())
                .limit(NodeRules.MAX_EVENTS).toList();
        return new TriageReport(node.name(), gpuIndex.orElse(null), now, verdict, actionFor(verdict, evidence),
                reasonFor(evidence, wholeNode), evidence, verdicts, xidEntries, node.node().conditions(),
                node.node().unschedulable(), recent, affectedPods(node, gpus, wholeNode));
    }

    private static GpuSnapshot gpu(NodeSnapshot node, int index) {
        return node.gpus().stream().filter(g -> g.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + node.name() + " has no GPU " + index));
    }

    static List<Evidence> gpuEvidence(GpuSnapshot gpu, List<XidRecord> history, @Nullable String telemetryProblem,
            TriageThresholds thresholds, Instant now) {
        List<Evidence> found = new ArrayList<>();
        Instant sampled = gpu.sampledAt();
        if (sampled == null) {
            found.add(new Evidence(Verdict.WATCH, null, "No telemetry for this GPU: its state is unknown",
                    telemetryProblem == null ? "no reading yet" : telemetryProblem, null, TELEMETRY, Action.WATCH));
        } else if (gpu.isStale(now, Duration.ofSeconds(thresholds.staleAfterSeconds()))) {
            long age = Duration.between(sampled, now).toSeconds();
            found.add(new Evidence(Verdict.WATCH, null, "Telemetry is stale: the newest reading is " + age + " s old",
                    telemetryProblem == null ? "exporter silent" : telemetryProblem, sampled, TELEMETRY,
                    Action.WATCH));
        }
        found.addAll(TriageRules.telemetry(gpu.values(), gpu.mig(), thresholds));
        int current = currentXid(gpu);
        for (XidRecord record : history) {
            found.addAll(historyEvidence(record, record.code() == current, found, thresholds));
        }
        found.replaceAll(e -> e.onGpu(gpu.index()));
        return found;
    }

    private static List<Evidence> historyEvidence(XidRecord record, boolean showing, List<Evidence> found,
            TriageThresholds thresholds) {
        int code = record.code();
        String seen = record.count() + (record.count() == 1 ? " time" : " times") + ", last at " + record.lastSeen().truncatedTo(ChronoUnit.SECONDS);
        List<Evidence> more = new ArrayList<>();
        if (showing) {
            String what = TriageRules.xidWhat(code);
            found.replaceAll(e -> e.what().equals(what) ? new Evidence(e.severity(), e.gpu(), what,
                    code + " (" + seen + ")", record.firstSeen(), TELEMETRY, e.action()) : e);
        } else {
            Verdict severity = XidCatalog.severity(code) == Verdict.HEALTHY ? Verdict.HEALTHY : Verdict.WATCH;
            more.add(new Evidence(severity, null, "Earlier " + XidCatalog.describe(code), seen, record.firstSeen(),
                    XID_HISTORY, Action.WATCH));
        }
        if (record.count() >= thresholds.xidRecurrenceReplace() && XidCatalog.severity(code) == Verdict.FAILING) {
            more.add(new Evidence(Verdict.FAILING, null, XidCatalog.describe(code) + " keeps coming back",
                    seen, record.firstSeen(), XID_HISTORY, XidCatalog.recurringAction(code)));
        }
        return more;
    }

    private static int currentXid(GpuSnapshot gpu) {
        double value = gpu.value(Metric.XID_ERRORS);
        for (MigSample instance : gpu.mig()) {
            if (!(value > 0)) {
                value = instance.values().get(Metric.XID_ERRORS);
            }
        }
        return value > 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE ? (int) value : 0;
    }

    private static Action actionFor(Verdict verdict, List<Evidence> evidence) {
        if (verdict == Verdict.HEALTHY) {
            return Action.NONE;
        }
        Action action = Action.WATCH;
        for (Evidence item : evidence) {
            if (item.severity() != Verdict.HEALTHY) {
                action = action.strongest(item.action());
            }
        }
        return action;
    }

    // The finding that decided: the worst, and of those the one asking the most.
    private static String reasonFor(List<Evidence> sortedWorstFirst, boolean nameGpu) {
        if (sortedWorstFirst.isEmpty() || sortedWorstFirst.getFirst().severity() == Verdict.HEALTHY) {
            return "Nothing calls for attention";
        }
        Evidence decisive = sortedWorstFirst.getFirst();
        return nameGpu && decisive.gpu() != null ? "GPU " + decisive.gpu() + ": " + decisive.what() : decisive.what();
    }

    private static List<String> affectedPods(NodeSnapshot node, List<GpuSnapshot> gpus, boolean wholeNode) {
        TreeSet<String> pods = new TreeSet<>();
        for (GpuSnapshot gpu : gpus) {
            gpu.pods().stream().map(PodRef::toString).forEach(pods::add);
            for (MigSample instance : gpu.mig()) {
                instance.pods().stream().map(PodRef::toString).forEach(pods::add);
            }
        }
        if (wholeNode) {
            for (PodRecord pod : node.pods()) {
                if (pod.gpusRequested() > 0) {
                    pods.add(pod.namespace() + "/" + pod.name());
                }
            }
        }
        return List.copyOf(pods);
    }
}
