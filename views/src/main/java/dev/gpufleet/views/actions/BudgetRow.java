package dev.gpufleet.views.actions;

/// A PodDisruptionBudget a drain's evictions fall under.
///
/// @param evictions how many of the drain's evictions it selects
/// @param holds     whether it will hold some of them back (more to go than it allows now)
public record BudgetRow(String name, int disruptionsAllowed, int currentHealthy, int desiredHealthy, long evictions,
        boolean holds) {

    /// `ml/trainer-pdb allows 0 disruptions (2 healthy, 2 needed); 1 eviction waits for replacements`.
    public String describe() {
        return name + " allows " + disruptionsAllowed + (disruptionsAllowed == 1 ? " disruption" : " disruptions")
                + " (" + currentHealthy + " healthy, " + desiredHealthy + " needed); " + evictions + " of its pods to go"
                + (holds ? ", so evictions will wait for replacements elsewhere" : "");
    }
}
