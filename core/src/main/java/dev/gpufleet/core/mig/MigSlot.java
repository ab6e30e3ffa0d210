package dev.gpufleet.core.mig;

/// Where one instance sits, in slice units: columns `computeStart ..< computeStart +
/// computeSlices` of the compute slices and `memoryStart ..< memoryStart + memorySlices` of
/// the memory slices.
///
/// @param inferred true when the position was worked out by [MigGeometry#place] rather than
///                 reported: dcgm-exporter says an instance's id and profile, never its start
public record MigSlot(MigInstanceRef instance, MigProfileSpec profile, int computeStart, int memoryStart,
                      boolean inferred) {

    public int computeSlices() {
        return profile.computeSlices();
    }

    public int memorySlices() {
        return profile.memorySlices();
    }

    public int computeEnd() {
        return computeStart + profile.computeSlices();
    }

    public int memoryEnd() {
        return memoryStart + profile.memorySlices();
    }
}
