package dev.gpufleet.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/// The version: the installers' own (`-Dgpufleet.version`, which `packaging/build-installers.sh`
/// sets to the package's version, without `-SNAPSHOT`), else the one Maven stamped into
/// `gpufleet-version.properties`.
public final class VersionProvider implements CommandLine.IVersionProvider {

    /// The system property an installed launcher sets to its package's version.
    public static final String PROPERTY = "gpufleet.version";

    public static String version() {
        String installed = System.getProperty(PROPERTY);
        if (installed != null && !installed.isBlank()) {
            return installed.strip();
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream("/gpufleet-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "gpufleet " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
