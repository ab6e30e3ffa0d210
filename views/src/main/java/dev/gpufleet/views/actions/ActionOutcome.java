package dev.gpufleet.views.actions;

import java.util.List;

/// What one menu action did to each of its nodes, for the result dialog.
///
/// @param lines one per node: what happened, or the error with its meaning and the node's state
/// @param failed whether any node failed
public record ActionOutcome(String title, List<String> lines, boolean failed) {

    public ActionOutcome {
        lines = List.copyOf(lines);
    }
}
