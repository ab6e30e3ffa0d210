package dev.gpufleet.views.actions;

import dev.gpufleet.core.drain.DrainReport;

/// The node's state after a drain, in words for the dialog's last line.
final class DrainOutcomes {

    private DrainOutcomes() {
    }

    static String nodeState(DrainReport report, boolean dryRun) {
        if (dryRun || report.outcome() == DrainReport.Outcome.DRY_RUN) {
            return "Nothing was changed: node " + report.node() + " is as it was.";
        }
        String counts = report.gone().size() + (report.gone().size() == 1 ? " pod" : " pods") + " gone, "
                + report.remaining().size() + " remaining";
        return switch (report.outcome()) {
            case DRAINED -> "Node " + report.node() + " is cordoned and drained (" + counts
                    + "). Uncordon it when it is fixed.";
            case CANCELLED -> "Cancelled: node " + report.node() + " stays cordoned (" + counts
                    + "). Uncordon it to undo, or drain again.";
            case TIMED_OUT -> "Timed out: node " + report.node() + " stays cordoned (" + counts + ").";
            case REFUSED -> "Nothing was evicted: node " + report.node() + " is cordoned, its pods untouched.";
            default -> "Node " + report.node() + " is left cordoned (" + counts + "); see the failures above.";
        };
    }
}
