package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.PodRecord;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One step of a plan: evict `pod` from `from`; its controller reschedules it, and it is
/// expected to land on `to` (the only node of the planned fleet that fits it better). An
/// executor makes that likely by evicting in order and, optionally, cordoning the source.
///
/// @param step          1-based position in the plan; moves run in this order
/// @param makesRoomFor  [Goal#DEFRAG]: the pending pod (`namespace/name`) this move frees room for
public record Move(int step, PodRecord pod, String from, String to, String reason, Risk risk,
        @Nullable String makesRoomFor) {

    public Move {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(risk, "risk");
    }

    public long gpus() {
        return pod.gpusRequested();
    }

    /// For people: `3. evict ml/train-7 (2 GPUs, Job/train) from n1, expected on n4: …`.
    public String describe() {
        String owner = pod.owner() == null ? "no owner" : pod.owner().kind() + "/" + pod.owner().name();
        return step + ". evict " + pod.qualifiedName() + " (" + gpus() + (gpus() == 1 ? " GPU, " : " GPUs, ") + owner
                + ") from " + from + ", expected on " + to + ": " + reason;
    }
}
