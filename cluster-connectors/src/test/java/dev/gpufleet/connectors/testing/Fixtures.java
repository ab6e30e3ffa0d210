package dev.gpufleet.connectors.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/// Finds the shared real-world captures beside the repository (`../shared/fixtures/` from the
/// repository root). They are read in place, never copied into the repository.
public final class Fixtures {

    private static final String OVERRIDE = "gpufleet.fixtures";

    private Fixtures() {
    }

    /// The fixtures root: `-Dgpufleet.fixtures=DIR`, else the first `shared/fixtures` found
    /// walking up from the working directory.
    public static Path root() {
        String override = System.getProperty(OVERRIDE);
        if (override != null) {
            return requireDirectory(Path.of(override));
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The shared fixtures folder was not found: looked for shared/fixtures in "
                + start + " and every folder above it. Put the shared folder beside the repository"
                + " (../shared/fixtures from the repository root) or run with -D" + OVERRIDE + "=DIR.");
    }

    public static Path dcgm(String fileName) {
        Path file = root().resolve("dcgm").resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Fixture " + file + " is missing; the shared fixtures folder looks incomplete.");
        }
        return file;
    }

    public static byte[] dcgmBytes(String fileName) {
        try {
            return Files.readAllBytes(dcgm(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> allDcgm() {
        try (Stream<Path> files = Files.list(root().resolve("dcgm"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireDirectory(@Nullable Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalStateException("-D" + OVERRIDE + " names " + dir + ", which is not a folder.");
        }
        return dir;
    }
}
