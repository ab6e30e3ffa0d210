package dev.gpufleet.core.triage;

import dev.gpufleet.core.model.NodeCondition;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// The outcome of triaging a node or one of its GPUs: verdict, action, the evidence behind
/// them and the context an operator needs (XID history, node conditions, events, pods).
///
/// @param node       the node's name
/// @param gpu        the GPU index triaged, or null for the whole node
/// @param at         when the triage was made
/// @param verdict    the worst severity of the evidence
/// @param action     the strongest action the evidence asks for
/// @param reason     the finding that decided the verdict, for people
/// @param evidence   every finding, worst first
/// @param gpus       each GPU's own verdict (just the one for a GPU triage)
/// @param xids       the XID history of the GPUs triaged
/// @param conditions the node's conditions
/// @param cordoned   whether the node is cordoned
/// @param events     recent events about the node, newest first
/// @param pods       the pods affected (`namespace/name`)
public record TriageReport(
        String node,
        @Nullable Integer gpu,
        Instant at,
        Verdict verdict,
        Action action,
        String reason,
        List<Evidence> evidence,
        List<GpuVerdict> gpus,
        List<XidEntry> xids,
        List<NodeCondition> conditions,
        boolean cordoned,
        List<NodeEvent> events,
        List<String> pods) {

    public TriageReport {
        evidence = List.copyOf(evidence);
        gpus = List.copyOf(gpus);
        xids = List.copyOf(xids);
        conditions = List.copyOf(conditions);
        events = List.copyOf(events);
        pods = List.copyOf(pods);
    }

    /// One GPU's verdict within a node's report.
    public record GpuVerdict(int index, @Nullable String uuid, @Nullable String model, Verdict verdict,
            Action action, String reason) {
    }

    /// One XID code seen on one GPU, with what the catalog says of it (null when unknown).
    public record XidEntry(int gpu, XidRecord record, @Nullable XidInfo info) {

        /// `XID 79 — GPU has fallen off the bus`, or the raw code when the catalog lacks it.
        public String describe() {
            return XidCatalog.describe(record.code());
        }
    }
}
