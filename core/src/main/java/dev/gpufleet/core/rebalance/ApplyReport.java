package dev.gpufleet.core.rebalance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/// What applying a plan did: one result per move, in step order, and whether it was stopped.
///
/// @param stopped true when Ctrl-C or the timeout ended the run before every move was done
public record ApplyReport(List<MoveResult> results, boolean stopped, Duration took) {

    public ApplyReport {
        results = List.copyOf(results);
        Objects.requireNonNull(took, "took");
    }

    /// Moves whose pod is off its source node.
    public long done() {
        return results.stream().filter(r -> r.status().done()).count();
    }

    public boolean succeeded() {
        return !stopped && done() == results.size();
    }

    /// One line for people, e.g. `12 of 14 moves done (11 landed as planned); 2 held back by a budget.`
    public String summary() {
        long asPlanned = results.stream().filter(MoveResult::landedAsPlanned).count();
        StringBuilder text = new StringBuilder().append(done()).append(" of ").append(results.size())
                .append(results.size() == 1 ? " move" : " moves").append(" done (").append(asPlanned)
                .append(" landed as planned)");
        for (MoveResult.Status status : List.of(MoveResult.Status.BLOCKED, MoveResult.Status.FAILED,
                MoveResult.Status.STOPPED)) {
            long count = results.stream().filter(r -> r.status() == status).count();
            if (count > 0) {
                text.append("; ").append(count).append(' ').append(status.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        text.append(stopped ? ". Stopped before the end: what was evicted stays evicted;"
                + " plan again to see where things stand." : ".");
        return text.toString();
    }
}
