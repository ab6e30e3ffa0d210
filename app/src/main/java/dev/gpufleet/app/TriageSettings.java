package dev.gpufleet.app;

import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.triage.TriageThresholds;
import dev.gpufleet.core.triage.TriageThresholdsJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/// Where the user's triage thresholds live — `triage-thresholds.json` in the settings
/// directory of [PlatformDirectories] — and how they are read and saved. A missing file means
/// the defaults; a file may name only the thresholds it changes.
public final class TriageSettings {

    public static final String FILE_NAME = "triage-thresholds.json";

    private TriageSettings() {
    }

    /// This user's thresholds file on this platform (it may not exist).
    public static Path defaultFile() {
        return PlatformDirectories.config().resolve(FILE_NAME);
    }

    /// The thresholds in `file`, the defaults when it does not exist.
    ///
    /// @throws IOException              when it exists but cannot be read
    /// @throws IllegalArgumentException when it holds no valid thresholds; the message says why
    public static TriageThresholds load(Path file) throws IOException {
        return TriageThresholdsJson.load(file);
    }

    /// Makes `store` judge health (the heatmap's colours) by the thresholds in `file`. A file
    /// that cannot be used leaves the defaults in place and is returned as a problem for people.
    public static Optional<String> applySaved(FleetStore store, Path file) {
        try {
            store.thresholds(load(file));
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("The triage thresholds in " + file + " are not used, the defaults are: "
                    + e.getMessage() + ". Fix or delete the file.");
        }
    }

    /// Saves `thresholds` to `file`, atomically.
    public static void save(TriageThresholds thresholds, Path file) throws IOException {
        TriageThresholdsJson.save(thresholds, file);
    }
}
