package dev.gpufleet.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/// Where gpufleet keeps its files on this platform, by the platform's own rules.
///
/// Settings: `$XDG_CONFIG_HOME/gpufleet` (else `~/.config/gpufleet`) on Linux and other Unixes,
/// `~/Library/Application Support/gpufleet` on macOS, `%APPDATA%\gpufleet` on Windows.
/// Data (metric history): `$XDG_DATA_HOME/gpufleet` (else `~/.local/share/gpufleet`),
/// `~/Library/Application Support/gpufleet`, `%LOCALAPPDATA%\gpufleet`.
///
/// Resolved from the values passed in, so tests give their own and never touch the real home.
/// Relative XDG values are ignored, as the XDG specification asks.
final class PlatformDirectories {

    private PlatformDirectories() {
    }

    /// The settings directory for this JVM's operating system, user home and environment.
    static Path config() {
        return config(osName(), home(), System.getenv());
    }

    /// The data directory for this JVM's operating system, user home and environment.
    static Path data() {
        return data(osName(), home(), System.getenv());
    }

    static Path config(String osName, Path home, Map<String, String> env) {
        return resolve(osName, home, env, "APPDATA", home.resolve("AppData").resolve("Roaming"),
                "XDG_CONFIG_HOME", home.resolve(".config"));
    }

    static Path data(String osName, Path home, Map<String, String> env) {
        return resolve(osName, home, env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"),
                "XDG_DATA_HOME", home.resolve(".local").resolve("share"));
    }

    private static Path resolve(String osName, Path home, Map<String, String> env, String windowsVariable,
            Path windowsDefault, String xdgVariable, Path xdgDefault) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path base;
        if (os.startsWith("windows")) {
            String value = env.get(windowsVariable);
            base = value == null || value.isBlank() ? windowsDefault : Path.of(value);
        } else if (os.startsWith("mac")) {
            base = home.resolve("Library").resolve("Application Support");
        } else {
            String value = env.get(xdgVariable);
            base = value == null || value.isBlank() || !Path.of(value).isAbsolute() ? xdgDefault : Path.of(value);
        }
        return base.resolve("gpufleet");
    }

    private static String osName() {
        return System.getProperty("os.name", "");
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home", "."));
    }
}
