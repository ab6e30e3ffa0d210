package dev.gpufleet.core.triage;

/// The numbers triage judges by; [#defaults()] are conservative, and every one can be changed
/// (the app keeps them in `triage-thresholds.json` in the user's config directory).
///
/// @param gpuTempWatchCelsius       GPU temperature that asks to watch
/// @param gpuTempFailingCelsius     GPU temperature that fails the GPU
/// @param memoryTempWatchCelsius    memory (HBM) temperature that asks to watch
/// @param memoryTempFailingCelsius  memory temperature that fails the GPU
/// @param sbeVolatileWatch          corrected (single-bit) ECC errors since the last reset that ask to watch
/// @param retiredPagesWatch         retired pages (single- plus double-bit) that ask to watch
/// @param retiredPagesReplace       retired pages that ask to replace the GPU
/// @param remappedRowsWatch         rows remapped after uncorrectable errors that ask to watch
/// @param pcieReplaysWatch          PCIe replays that ask to watch
/// @param nvlinkCrcErrorsWatch      NVLink CRC errors (flit plus data) that ask to watch
/// @param nvlinkReplaysWatch        NVLink replays that ask to watch
/// @param nvlinkRecoveriesWatch     NVLink recoveries that ask to watch
/// @param staleAfterSeconds         age of the newest reading past which telemetry counts as stale
/// @param xidRecurrenceReplace      occurrences of a failing XID after which the GPU should be replaced
public record TriageThresholds(
        double gpuTempWatchCelsius,
        double gpuTempFailingCelsius,
        double memoryTempWatchCelsius,
        double memoryTempFailingCelsius,
        double sbeVolatileWatch,
        double retiredPagesWatch,
        double retiredPagesReplace,
        double remappedRowsWatch,
        double pcieReplaysWatch,
        double nvlinkCrcErrorsWatch,
        double nvlinkReplaysWatch,
        double nvlinkRecoveriesWatch,
        long staleAfterSeconds,
        int xidRecurrenceReplace) {

    private static final TriageThresholds DEFAULTS =
            new TriageThresholds(85, 95, 95, 105, 100, 1, 60, 1, 100, 100, 100, 1, 120, 3);

    /// Rejects thresholds that cannot work, with a message naming the setting.
    public TriageThresholds {
        requireOrdered("gpuTempWatchCelsius", gpuTempWatchCelsius, "gpuTempFailingCelsius", gpuTempFailingCelsius);
        requireOrdered("memoryTempWatchCelsius", memoryTempWatchCelsius,
                "memoryTempFailingCelsius", memoryTempFailingCelsius);
        requireOrdered("retiredPagesWatch", retiredPagesWatch, "retiredPagesReplace", retiredPagesReplace);
        for (double count : new double[] {sbeVolatileWatch, retiredPagesWatch, remappedRowsWatch, pcieReplaysWatch,
            nvlinkCrcErrorsWatch, nvlinkReplaysWatch, nvlinkRecoveriesWatch}) {
            if (!(count >= 1)) {
                throw new IllegalArgumentException("error-count thresholds must be at least 1, got " + count);
            }
        }
        if (staleAfterSeconds < 1) {
            throw new IllegalArgumentException("staleAfterSeconds must be at least 1, got " + staleAfterSeconds);
        }
        if (xidRecurrenceReplace < 2) {
            throw new IllegalArgumentException("xidRecurrenceReplace must be at least 2, got " + xidRecurrenceReplace);
        }
    }

    public static TriageThresholds defaults() {
        return DEFAULTS;
    }

    public TriageThresholds withGpuTemperatures(double watch, double failing) {
        return new TriageThresholds(watch, failing, memoryTempWatchCelsius, memoryTempFailingCelsius,
                sbeVolatileWatch, retiredPagesWatch, retiredPagesReplace, remappedRowsWatch, pcieReplaysWatch,
                nvlinkCrcErrorsWatch, nvlinkReplaysWatch, nvlinkRecoveriesWatch, staleAfterSeconds,
                xidRecurrenceReplace);
    }

    private static void requireOrdered(String lowName, double low, String highName, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low >= high) {
            throw new IllegalArgumentException(lowName + " (" + low + ") must be a number below "
                    + highName + " (" + high + ")");
        }
    }
}
