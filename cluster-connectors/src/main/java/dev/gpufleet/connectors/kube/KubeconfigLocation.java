package dev.gpufleet.connectors.kube;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// Where a user's kubeconfig is read from, kept so it can be read again when the files change:
/// `--kubeconfig FILE`, else every file of `KUBECONFIG`, else `~/.kube/config` (see
/// [Kubeconfig#discover(Path, String, Path)]).
///
/// @param explicitFile       the `--kubeconfig` file, or `null`
/// @param kubeconfigVariable the `KUBECONFIG` value, or `null`
/// @param home               the user's home folder
public record KubeconfigLocation(@Nullable Path explicitFile, @Nullable String kubeconfigVariable, Path home) {

    /// This process's location: `explicitFile`, else its `KUBECONFIG`, else `~/.kube/config`.
    public static KubeconfigLocation of(@Nullable Path explicitFile) {
        return new KubeconfigLocation(explicitFile, System.getenv("KUBECONFIG"),
                Path.of(System.getProperty("user.home")));
    }

    /// Reads and merges the files as they are now.
    public Kubeconfig load() throws KubeconfigException {
        return Kubeconfig.discover(explicitFile, kubeconfigVariable, home);
    }

    /// Every file that is, or would be, read (absolute), whether it exists yet or not: what a
    /// watch over the kubeconfig looks at.
    public List<Path> files() {
        if (explicitFile != null) {
            return List.of(explicitFile.toAbsolutePath().normalize());
        }
        if (kubeconfigVariable != null && !kubeconfigVariable.isBlank()) {
            Set<Path> files = new LinkedHashSet<>();
            for (String entry : kubeconfigVariable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    files.add(Path.of(entry).toAbsolutePath().normalize());
                }
            }
            return List.copyOf(files);
        }
        return List.of(home.resolve(".kube").resolve("config").toAbsolutePath().normalize());
    }
}
