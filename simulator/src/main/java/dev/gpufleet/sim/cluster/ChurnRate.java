package dev.gpufleet.sim.cluster;

import java.time.Duration;
import java.util.Objects;

/// How hard [Churn] shakes the simulated cluster, per tick of the churn.
///
/// @param tick               time between two rounds of churn
/// @param jobsPerTick        GPU Jobs created each round (each asks for 1 or 2 whole GPUs)
/// @param nodeFailureChance  chance per round that one more node fails (NotReady, a GPU fault, its
///                           exporter pod gone)
/// @param cordonChance       chance per round that one more node is cordoned
/// @param podDeleteChance    chance per round that a running GPU pod of the fleet's own workloads
///                           is deleted (gracefully; its owner replaces it, the scheduler places
///                           the replacement where GPUs are free)
/// @param lifetime           typical life of a Job, an outage and a cordon: each lasts between half
///                           and one and a half times this
/// @param eventTtl           Events the churn's actions caused are deleted this long after they
///                           were made, as the API server's `--event-ttl` does (1 h there)
public record ChurnRate(Duration tick, int jobsPerTick, double nodeFailureChance, double cordonChance,
        double podDeleteChance, Duration lifetime, Duration eventTtl) {

    public ChurnRate {
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(eventTtl, "eventTtl");
        if (tick.toMillis() < 10) {
            throw new IllegalArgumentException("the churn's tick must be at least 10 ms, got " + tick.toMillis() + " ms");
        }
        if (jobsPerTick < 0 || jobsPerTick > 100) {
            throw new IllegalArgumentException("jobs per churn tick must be between 0 and 100, got " + jobsPerTick);
        }
        for (double chance : new double[] {nodeFailureChance, cordonChance, podDeleteChance}) {
            if (!(chance >= 0 && chance <= 1)) {
                throw new IllegalArgumentException("the churn's chances must be between 0 and 1, got node failure "
                        + nodeFailureChance + ", cordon " + cordonChance + " and pod deletion " + podDeleteChance);
            }
        }
        if (lifetime.compareTo(tick) < 0 || eventTtl.isNegative()) {
            throw new IllegalArgumentException("the churn's lifetime must be at least one tick and its event TTL "
                    + "not negative, got " + lifetime + " and " + eventTtl);
        }
    }

    /// The demo's churn: a round every 2 s with one new Job; a node fails about every 40 s and one
    /// is cordoned about as often; a fleet pod is deleted (and replaced) about every 8 s; Jobs,
    /// outages and cordons last 30 to 90 s; events live 10 min.
    public static ChurnRate defaults() {
        return new ChurnRate(Duration.ofSeconds(2), 1, 0.05, 0.05, 0.25, Duration.ofSeconds(60),
                Duration.ofMinutes(10));
    }

    /// This churn `factor` times as fast (rounds closer together), e.g. 2 for twice the changes.
    ///
    /// @throws IllegalArgumentException when `factor` is not between 0.01 and 100
    public ChurnRate faster(double factor) {
        if (!(factor >= 0.01 && factor <= 100)) {
            throw new IllegalArgumentException("the churn factor must be between 0.01 and 100, got " + factor);
        }
        return new ChurnRate(Duration.ofNanos(Math.max(10_000_000L, (long) (tick.toNanos() / factor))), jobsPerTick,
                nodeFailureChance, cordonChance, podDeleteChance, lifetime, eventTtl);
    }
}
