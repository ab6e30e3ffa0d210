package dev.gpufleet.connectors.kube;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Finds the programs a kubeconfig's exec credential plugins name (`gke-gcloud-auth-plugin`,
/// `aws`, `kubelogin`), the way a terminal would, even when gpufleet was started from a desktop
/// launcher whose `PATH` is much shorter than the login shell's.
///
/// fabric8 runs a bare command through `sh -c` with this process's `PATH`: from a desktop
/// launcher that usually lacks `~/.local/bin`, `/opt/homebrew/bin`, the gcloud SDK and the
/// like, and the plugin "is not found". So the command is looked up here, in order: this
/// process's `PATH`; the login shell's (`$SHELL -lc`, asked once, with a timeout, and only when
/// the first look failed); then well-known install folders. Nothing is written anywhere.
public final class CommandSearch {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSearch.class);
    private static final long SHELL_TIMEOUT_SECONDS = 5;
    private static final String START = "__GPUFLEET_PATH_START__";
    private static final String END = "__GPUFLEET_PATH_END__";
    private static final CommandSearch THIS_MACHINE = new CommandSearch(System.getenv(),
            Path.of(System.getProperty("user.home", ".")), System.getProperty("os.name", ""));

    private final Map<String, String> env;
    private final Path home;
    private final boolean windows;
    private @Nullable List<Path> loginShellPath;

    /// A search for the given environment (`PATH`, `SHELL`, `HOME`, Windows' `LOCALAPPDATA`),
    /// home folder and operating system name.
    public CommandSearch(Map<String, String> env, Path home, String osName) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /// The search for this process's own environment (its login shell asked at most once).
    public static CommandSearch thisMachine() {
        return THIS_MACHINE;
    }

    /// Where `command` is found, or empty: this process's `PATH` first, then the login shell's,
    /// then the well-known folders. A command with a folder in it is only checked as given.
    public Optional<Found> find(String command) {
        if (command.contains("/") || command.contains(File.separator)) {
            return executable(Path.of(command)).map(path -> new Found(path, false));
        }
        Optional<Path> direct = findIn(pathVariable(env.get(pathKey())), command);
        if (direct.isPresent()) {
            return direct.map(path -> new Found(path, false));
        }
        return findIn(fallbackFolders(), command).map(path -> new Found(path, true));
    }

    /// Where a command was found, and whether this process's own `PATH` lacked it (then the
    /// plugin is given [#searchPath()] as its `PATH`, so the tools it calls are found too).
    public record Found(Path path, boolean outsideProcessPath) {
    }

    /// Every folder looked in, in order, for messages and for a plugin's `PATH`.
    public List<Path> folders() {
        Set<Path> all = new LinkedHashSet<>(pathVariable(env.get(pathKey())));
        all.addAll(fallbackFolders());
        return List.copyOf(all);
    }

    /// [#folders()] as a `PATH` value.
    public String searchPath() {
        return String.join(File.pathSeparator, folders().stream().map(Path::toString).toList());
    }

    private List<Path> fallbackFolders() {
        Set<Path> folders = new LinkedHashSet<>(loginShellPath());
        folders.addAll(wellKnownFolders());
        return List.copyOf(folders);
    }

    /// The folders people's installers put command-line tools in, on this kind of system.
    List<Path> wellKnownFolders() {
        List<Path> folders = new ArrayList<>();
        if (windows) {
            String local = env.getOrDefault("LOCALAPPDATA", home.resolve("AppData").resolve("Local").toString());
            folders.add(Path.of(local, "Google", "Cloud SDK", "google-cloud-sdk", "bin"));
            folders.add(Path.of(local, "Microsoft", "WinGet", "Links"));
            folders.add(home.resolve("scoop").resolve("shims"));
            folders.add(Path.of("C:\\ProgramData\\chocolatey\\bin"));
            folders.add(Path.of("C:\\Program Files\\Amazon\\AWSCLIV2"));
            folders.add(Path.of("C:\\Program Files (x86)\\Google\\Cloud SDK\\google-cloud-sdk\\bin"));
            folders.add(home.resolve("go").resolve("bin"));
            return folders;
        }
        folders.add(Path.of("/usr/local/bin"));
        folders.add(Path.of("/opt/homebrew/bin"));
        folders.add(home.resolve(".local").resolve("bin"));
        folders.add(home.resolve("bin"));
        folders.add(home.resolve("go").resolve("bin"));
        folders.add(home.resolve(".krew").resolve("bin"));
        folders.add(home.resolve("google-cloud-sdk").resolve("bin"));
        folders.add(Path.of("/usr/lib/google-cloud-sdk/bin"));
        folders.add(Path.of("/opt/homebrew/share/google-cloud-sdk/bin"));
        folders.add(Path.of("/usr/local/share/google-cloud-sdk/bin"));
        folders.add(Path.of("/snap/bin"));
        return folders;
    }

    /// The login shell's `PATH`, asked once; empty on Windows, without `SHELL`, or when the
    /// shell fails or takes longer than a few seconds.
    synchronized List<Path> loginShellPath() {
        if (loginShellPath == null) {
            loginShellPath = windows ? List.of() : askLoginShell();
        }
        return loginShellPath;
    }

    private List<Path> askLoginShell() {
        String shell = env.get("SHELL");
        if (shell == null || shell.isBlank()) {
            return List.of();
        }
        ProcessBuilder builder = new ProcessBuilder(shell, "-lc", "printf '" + START + "%s" + END + "' \"$PATH\"")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("HOME", env.getOrDefault("HOME", home.toString()));
        try {
            Process process = builder.start();
            byte[] output;
            try (InputStream out = process.getInputStream()) {
                if (!process.waitFor(SHELL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    LOG.warn("The login shell {} did not print its PATH within {} s; plugins are looked for"
                            + " in the usual folders only", shell, SHELL_TIMEOUT_SECONDS);
                    return List.of();
                }
                output = out.readAllBytes();
            }
            String text = new String(output, StandardCharsets.UTF_8);
            int start = text.lastIndexOf(START);
            int end = text.lastIndexOf(END);
            return start < 0 || end < start ? List.of() : pathVariable(text.substring(start + START.length(), end));
        } catch (IOException failed) {
            LOG.warn("The login shell {} could not be asked for its PATH ({})", shell, failed.getMessage());
            return List.of();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private File nullDevice() {
        return new File(windows ? "NUL" : "/dev/null");
    }

    private String pathKey() {
        if (!windows) {
            return "PATH";
        }
        return env.keySet().stream().filter(key -> key.equalsIgnoreCase("PATH")).findFirst().orElse("Path");
    }

    private static List<Path> pathVariable(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Path> folders = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            try {
                if (!entry.isBlank()) {
                    folders.add(Path.of(entry));
                }
            } catch (InvalidPathException ignored) {
                // A PATH entry no file can live in cannot hold the plugin either.
            }
        }
        return folders;
    }

    private Optional<Path> findIn(List<Path> folders, String command) {
        for (Path folder : folders) {
            if (!folder.isAbsolute()) {
                continue;
            }
            for (String name : candidates(command)) {
                Optional<Path> found = executable(folder.resolve(name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private List<String> candidates(String command) {
        if (!windows || command.contains(".")) {
            return List.of(command);
        }
        List<String> names = new ArrayList<>();
        for (String extension : env.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD").split(";")) {
            names.add(command + extension.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static Optional<Path> executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path)
                ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
    }
}
