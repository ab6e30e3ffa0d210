package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.Hash;

/// Smooth deterministic noise: random values at integer knots joined by smoothstep, so a signal
/// wanders instead of jumping, and is the same for the same key and time.
final class Noise {

    private Noise() {
    }

    /// A value in `[-1, 1]` varying smoothly with `x`.
    static double smooth(long key, double x) {
        double floor = Math.floor(x);
        long i = (long) floor;
        double f = x - floor;
        double a = Hash.unit(Hash.of(key, i)) * 2 - 1;
        double b = Hash.unit(Hash.of(key, i + 1)) * 2 - 1;
        double u = f * f * (3 - 2 * f);
        return a + (b - a) * u;
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
