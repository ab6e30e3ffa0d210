package dev.gpufleet.sim.fleet;

/// Deterministic identifiers shaped like the ones Kubernetes and NVIDIA generate.
public final class Names {

    /// The alphabet of Kubernetes' random name suffixes (no vowels, no look-alikes).
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_SPACE = 27 * 27 * 27 * 27 * 27;
    // Coprime to 27^5, so ordinal -> suffix is a bijection: replicas never collide.
    private static final long SUFFIX_STRIDE = 5_123_467L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Names() {
    }

    /// A five-character suffix like `x7k2p`, distinct for distinct ordinals of one owner.
    public static String suffix(long seed, long owner, int ordinal) {
        long offset = Hash.below(Hash.of(seed, Hash.salt("suffix"), owner), SUFFIX_SPACE);
        long v = Math.floorMod(ordinal * SUFFIX_STRIDE + offset, (long) SUFFIX_SPACE);
        return encode(v, 5);
    }

    /// A ten-character `pod-template-hash` like `5d8f7c9b6d`.
    public static String templateHash(long seed, long owner) {
        long h = Hash.of(seed, Hash.salt("template-hash"), owner);
        return encode(Long.remainderUnsigned(h, 205_891_132_094_649L), 10);
    }

    private static String encode(long value, int length) {
        char[] out = new char[length];
        long v = value;
        for (int i = length - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v % 27));
            v /= 27;
        }
        return new String(out);
    }

    /// A random-looking (version 4) UUID for an object, stable for the same inputs.
    public static String uid(long seed, String kind, long index) {
        long hi = Hash.of(seed, Hash.salt(kind), index, 1);
        long lo = Hash.of(seed, Hash.salt(kind), index, 2);
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    /// `length` lowercase hex digits, e.g. for container ids and machine ids.
    public static String hex(long seed, String purpose, long index, int length) {
        StringBuilder sb = new StringBuilder(length);
        int block = 0;
        while (sb.length() < length) {
            long h = Hash.of(seed, Hash.salt(purpose), index, block++);
            for (int i = 0; i < 16 && sb.length() < length; i++) {
                sb.append(HEX[(int) (h >>> (60 - 4 * i)) & 0xF]);
            }
        }
        return sb.toString();
    }

    /// A GPU UUID as NVML prints it: `GPU-` and an 8-4-4-4-12 hex group.
    public static String gpuUuid(long seed, long gpuIndex) {
        String h = hex(seed, "gpu-uuid", gpuIndex, 32);
        return "GPU-" + h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16)
                + '-' + h.substring(16, 20) + '-' + h.substring(20);
    }
}
