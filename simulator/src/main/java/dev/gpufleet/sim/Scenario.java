package dev.gpufleet.sim;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.objects.ExtraPods;
import java.util.Locale;

/// A named shape of the simulated fleet; the seed still decides the details.
public enum Scenario {
    /// The mixed fleet: several pools, MIG, multi-node training, a few faults.
    DEFAULT,
    /// The rebalance reference: H100 nodes holding 1- and 2-GPU Deployment replicas and Jobs,
    /// 2 to 4 GPUs free on each, so no node fits the Pending 8-GPU Jobs; two degraded nodes;
    /// budgets on the larger Deployments; a scheduler that packs (see
    /// [FleetPlanner#planFragmented]). `gpufleet sim --scenario fragmented --nodes 16`.
    FRAGMENTED;

    /// `default`, `fragmented` (any case), as the command line spells them.
    public static Scenario parse(String text) {
        for (Scenario scenario : values()) {
            if (scenario.name().equalsIgnoreCase(text.trim())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "': use default or fragmented");
    }

    /// The fleet this scenario plans for `config` (AMD nodes are the default scenario's only).
    Fleet plan(SimConfig config) {
        return switch (this) {
            // The mirror and debug pods come on top of the fleet's own, so they count toward --pods.
            case DEFAULT -> FleetPlanner.plan(config.nodes(), config.amdNodes(), config.gpusPerNode(), config.seed(),
                    config.pods() == 0 ? 0 : config.pods() - ExtraPods.count(config.totalNodes()));
            case FRAGMENTED -> FleetPlanner.planFragmented(config.nodes(), config.gpusPerNode(), config.seed());
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
