package dev.gpufleet.core.capacity;

/// The categories that partition each GPU's time: every GPU-second falls into exactly one.
///
/// They are checked in this order: a GPU that is out of service is not also unknown, an
/// allocated GPU is not stranded. *Allocated* time is [#USED] + [#UNDERUSED] +
/// [#IDLE_ALLOCATED]; *unallocated* time is [#STRANDED] + [#FREE].
public enum WasteCategory {
    /// The GPU fails its health rules, or its node is cordoned or not Ready.
    OUT_OF_SERVICE("out_of_service"),
    /// No fresh telemetry (none yet, stale, or no activity reading): neither idle nor busy.
    UNKNOWN("unknown"),
    /// Allocated to a pod, busy: the share of the time its SMs were active.
    USED("used"),
    /// Allocated, busy above the idle threshold: the share of the time its SMs were not active.
    UNDERUSED("underused"),
    /// Allocated to a pod, activity below the idle threshold: the whole time is idle.
    IDLE_ALLOCATED("idle_allocated"),
    /// No pod holds it, and its node cannot fit any pending GPU request of its cluster.
    STRANDED("stranded"),
    /// No pod holds it, and nothing pending is kept out by it (or nothing is pending).
    FREE("free");

    private static final WasteCategory[] ALL = values();

    private final String id;

    WasteCategory(String id) {
        this.id = id;
    }

    /// The name in CSV and JSON output, e.g. `idle_allocated`.
    public String id() {
        return id;
    }

    /// How many categories there are: the length of per-category arrays.
    public static int count() {
        return ALL.length;
    }

    /// The category at `ordinal`.
    public static WasteCategory of(int ordinal) {
        return ALL[ordinal];
    }

    /// Whether this is allocated time (used, underused or idle-allocated).
    public boolean allocated() {
        return this == USED || this == UNDERUSED || this == IDLE_ALLOCATED;
    }

    /// Whether this is unallocated time (stranded or free).
    public boolean unallocated() {
        return this == STRANDED || this == FREE;
    }
}
