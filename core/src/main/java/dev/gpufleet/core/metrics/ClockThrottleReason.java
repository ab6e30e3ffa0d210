package dev.gpufleet.core.metrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/// The named bits of [Metric#CLOCK_THROTTLE_REASONS] (NVML's `nvmlClocksEventReason*`, called
/// "throttle reasons" before driver 535): why the clocks are below their maximum right now.
///
/// The field is a bitmask carried as a double on the wire; [#decode(double)] turns it back
/// into reasons. Bits gpufleet does not know are kept by [#unknownBits(double)] so a newer
/// driver's reason is shown as a number rather than silently dropped.
public enum ClockThrottleReason {
    GPU_IDLE(0x1L, "GPU idle", false),
    APPLICATIONS_CLOCKS_SETTING(0x2L, "Application clocks setting", false),
    SW_POWER_CAP(0x4L, "Software power cap", true),
    HW_SLOWDOWN(0x8L, "Hardware slowdown", true),
    SYNC_BOOST(0x10L, "Sync boost", false),
    SW_THERMAL_SLOWDOWN(0x20L, "Software thermal slowdown", true),
    HW_THERMAL_SLOWDOWN(0x40L, "Hardware thermal slowdown", true),
    HW_POWER_BRAKE_SLOWDOWN(0x80L, "Hardware power brake", true),
    DISPLAY_CLOCK_SETTING(0x100L, "Display clock setting", false);

    private static final ClockThrottleReason[] ALL = values();
    private static final long KNOWN_BITS = knownBits();

    private final long bit;
    private final String displayName;
    private final boolean concerning;

    ClockThrottleReason(long bit, String displayName, boolean concerning) {
        this.bit = bit;
        this.displayName = displayName;
        this.concerning = concerning;
    }

    /// The reasons set in `mask`; empty for `NaN` (not reported), zero, or a value that is
    /// not a non-negative whole number.
    public static Set<ClockThrottleReason> decode(double mask) {
        long bits = bitsOf(mask);
        EnumSet<ClockThrottleReason> reasons = EnumSet.noneOf(ClockThrottleReason.class);
        for (ClockThrottleReason reason : ALL) {
            if ((bits & reason.bit) != 0) {
                reasons.add(reason);
            }
        }
        return reasons;
    }

    /// Bits of `mask` that name no reason known here (0 when there are none).
    public static long unknownBits(double mask) {
        return bitsOf(mask) & ~KNOWN_BITS;
    }

    /// A short sentence for people, e.g. `Software power cap, Hardware thermal slowdown`;
    /// `none` for zero and `not reported` for `NaN`.
    public static String describe(double mask) {
        if (Double.isNaN(mask)) {
            return "not reported";
        }
        List<String> names = new ArrayList<>();
        for (ClockThrottleReason reason : decode(mask)) {
            names.add(reason.displayName);
        }
        long unknown = unknownBits(mask);
        if (unknown != 0) {
            names.add("unknown 0x" + Long.toHexString(unknown));
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /// The bit this reason occupies in the mask.
    public long bit() {
        return bit;
    }

    public String displayName() {
        return displayName;
    }

    /// Whether this reason costs performance the operator should look at (power or thermal
    /// limits, hardware slowdown), as opposed to idling or a deliberate clock setting.
    public boolean concerning() {
        return concerning;
    }

    private static long bitsOf(double mask) {
        if (!(mask >= 0) || mask > 0x1p53 || mask != Math.rint(mask)) {
            return 0;
        }
        return (long) mask;
    }

    private static long knownBits() {
        long bits = 0;
        for (ClockThrottleReason reason : ALL) {
            bits |= reason.bit;
        }
        return bits;
    }
}
