package dev.gpufleet.app.cli;

import dev.gpufleet.app.ContextSettings;
import dev.gpufleet.app.PlatformPaths;
import java.nio.file.Path;

/// Refuses a cluster-changing command on a context the user marked read-only in the console
/// (`contexts.json` in the settings directory). Settings that cannot be read refuse too: a
/// read-only mark that cannot be checked is not taken to be off.
final class ReadOnlyGuard {

    /// Where `contexts.json` is looked for instead of the settings directory (tests, portable setups).
    static final String SETTINGS_DIR_PROPERTY = "gpufleet.settings.dir";

    private ReadOnlyGuard() {
    }

    /// Throws a one-line [UserError] when `context` is read-only; `verb` names the command.
    /// Returns the settings read, for the production mark.
    static ContextSettings check(String context, String verb) {
        String override = System.getProperty(SETTINGS_DIR_PROPERTY);
        Path directory = override == null || override.isBlank() ? PlatformPaths.settings() : Path.of(override);
        ContextSettings settings = ContextSettings.load(directory);
        if (settings.problem().isPresent()) {
            throw new UserError(verb + ": cannot tell whether context '" + context + "' is read-only, so nothing"
                    + " was done: " + directory.resolve("contexts.json") + " could not be read. Fix or delete it.", 1);
        }
        if (settings.isReadOnly(context)) {
            throw new UserError(verb + ": context '" + context + "' is read-only in gpufleet's settings, so nothing"
                    + " was done. Unlock it in the console's cluster list to allow changes.", 1);
        }
        return settings;
    }
}
