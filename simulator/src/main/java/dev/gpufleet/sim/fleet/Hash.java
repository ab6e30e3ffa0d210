package dev.gpufleet.sim.fleet;

/// Stateless, seeded hashing: every simulated fact is a pure function of the seed and the
/// identity of what it describes, so objects can be generated lazily and in any order.
///
/// Based on the SplitMix64 finaliser, which mixes well enough that neighbouring indices give
/// unrelated values.
public final class Hash {

    private Hash() {
    }

    /// The SplitMix64 finaliser.
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long of(long seed, long a) {
        return mix(seed * 0x9E3779B97F4A7C15L + mix(a + 0x632BE59BD9B4E019L));
    }

    public static long of(long seed, long a, long b) {
        return of(of(seed, a), b);
    }

    public static long of(long seed, long a, long b, long c) {
        return of(of(seed, a, b), c);
    }

    /// A uniform double in `[0, 1)`.
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /// A uniform int in `[0, bound)`.
    public static int below(long hash, int bound) {
        return (int) Long.remainderUnsigned(hash, bound);
    }

    /// A stable salt for one purpose, so that e.g. UIDs and names of the same index differ.
    public static long salt(String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return mix(h);
    }
}
