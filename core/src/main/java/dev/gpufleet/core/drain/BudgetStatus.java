package dev.gpufleet.core.drain;

import java.util.Objects;

/// A PodDisruptionBudget as the drain preview shows it: how many of its pods may go now.
public record BudgetStatus(String namespace, String name, int disruptionsAllowed, int currentHealthy,
        int desiredHealthy, int expectedPods) {

    public BudgetStatus {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /// For people: `ml/trainer-pdb allows 0 disruptions (2 healthy of 2 needed)`.
    public String describe() {
        return qualifiedName() + " allows " + disruptionsAllowed + (disruptionsAllowed == 1 ? " disruption" : " disruptions")
                + " (" + currentHealthy + " healthy, " + desiredHealthy + " needed)";
    }
}
