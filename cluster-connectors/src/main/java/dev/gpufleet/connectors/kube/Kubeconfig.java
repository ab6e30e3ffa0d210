package dev.gpufleet.connectors.kube;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// The kubeconfig contexts a user has, merged the way kubectl merges them.
///
/// [#discover(Path)] reads `--kubeconfig FILE` if given, else every file of the `KUBECONFIG`
/// path list (the first file to name a context, cluster or user wins; so does the first
/// `current-context`; files that do not exist are skipped, as kubectl does), else
/// `~/.kube/config`; with none of them there are no contexts and the app opens the demo
/// fleet. [#fromText(String, String)] reads a kubeconfig handed over in-process.
///
/// Files are only read: never written, copied or cached, and their credentials never logged.
public final class Kubeconfig {

    private final List<KubeconfigFile> files;
    private final Map<String, KubeconfigFile.Entry> contexts = new LinkedHashMap<>();
    private final Map<String, KubeconfigFile.Entry> clusters = new LinkedHashMap<>();
    private final Map<String, KubeconfigFile.Entry> users = new LinkedHashMap<>();
    private final @Nullable String currentContext;
    private final CommandSearch commandSearch;

    private Kubeconfig(List<KubeconfigFile> files) {
        this(files, CommandSearch.thisMachine());
    }

    private Kubeconfig(List<KubeconfigFile> files, CommandSearch commandSearch) {
        this.files = List.copyOf(files);
        this.commandSearch = commandSearch;
        String current = null;
        for (KubeconfigFile file : files) {
            file.contexts().forEach(contexts::putIfAbsent);
            file.clusters().forEach(clusters::putIfAbsent);
            file.users().forEach(users::putIfAbsent);
            if (current == null) {
                current = file.currentContext();
            }
        }
        this.currentContext = current;
    }

    public static Kubeconfig empty() {
        return new Kubeconfig(List.of());
    }

    /// The user's kubeconfig: `explicitFile` (from `--kubeconfig`), else `KUBECONFIG`, else
    /// `~/.kube/config`.
    public static Kubeconfig discover(@Nullable Path explicitFile) throws KubeconfigException {
        return discover(explicitFile, System.getenv("KUBECONFIG"), Path.of(System.getProperty("user.home")));
    }

    /// [#discover(Path)] with the environment spelled out, for tests and for callers that
    /// read settings elsewhere.
    public static Kubeconfig discover(@Nullable Path explicitFile, @Nullable String kubeconfigVariable, Path home)
            throws KubeconfigException {
        if (explicitFile != null) {
            return new Kubeconfig(List.of(read(explicitFile, KubeconfigOrigin.FLAG, home, true)));
        }
        if (kubeconfigVariable != null && !kubeconfigVariable.isBlank()) {
            List<KubeconfigFile> files = new ArrayList<>();
            Set<Path> seen = new LinkedHashSet<>();
            for (String entry : kubeconfigVariable.split(File.pathSeparator)) {
                if (!entry.isBlank() && seen.add(Path.of(entry).toAbsolutePath().normalize())) {
                    KubeconfigFile file = readIfPresent(Path.of(entry), KubeconfigOrigin.ENVIRONMENT, home);
                    if (file != null) {
                        files.add(file);
                    }
                }
            }
            return new Kubeconfig(files);
        }
        KubeconfigFile file = readIfPresent(home.resolve(".kube").resolve("config"), KubeconfigOrigin.DEFAULT, home);
        return new Kubeconfig(file == null ? List.of() : List.of(file));
    }

    /// A kubeconfig given as text; `sourceName` names it in messages (e.g. "demo fleet").
    /// Relative paths in it are taken relative to the working directory.
    public static Kubeconfig fromText(String yaml, String sourceName) throws KubeconfigException {
        return new Kubeconfig(List.of(KubeconfigFile.parse(yaml, sourceName, null, KubeconfigOrigin.TEXT)));
    }

    private static @Nullable KubeconfigFile readIfPresent(Path path, KubeconfigOrigin origin, Path home)
            throws KubeconfigException {
        return Files.exists(path) ? read(path, origin, home, false) : null;
    }

    private static KubeconfigFile read(Path path, KubeconfigOrigin origin, Path home, boolean mustExist)
            throws KubeconfigException {
        String shown = displayPath(path, home);
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw new KubeconfigException(shown, 0, "this is a folder, not a kubeconfig file", origin.fixAccess());
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new KubeconfigException(shown, 0, "no such file", origin.fixAccess(), missing);
        } catch (AccessDeniedException denied) {
            throw new KubeconfigException(shown, 0, "permission denied", origin.fixAccess(), denied);
        } catch (java.nio.charset.MalformedInputException binary) {
            throw new KubeconfigException(shown, 0, "this is not a text file (not UTF-8)", origin.fixContent(), binary);
        } catch (IOException unreadable) {
            throw new KubeconfigException(shown, 0, "cannot be read (" + unreadable.getMessage() + ")",
                    origin.fixAccess(), unreadable);
        }
        Path baseDir = path.toAbsolutePath().getParent();
        return KubeconfigFile.parse(text, shown, baseDir, origin);
    }

    /// `~/.kube/config` rather than `/home/ana/.kube/config`: shorter, and what people type.
    static String displayPath(Path path, Path home) {
        Path absolute = path.toAbsolutePath().normalize();
        Path normalHome = home.toAbsolutePath().normalize();
        if (absolute.startsWith(normalHome) && !absolute.equals(normalHome)) {
            return "~" + File.separator + normalHome.relativize(absolute);
        }
        return path.toString();
    }

    /// This kubeconfig with exec credential plugins looked for by `search` instead of
    /// [CommandSearch#thisMachine()].
    public Kubeconfig withCommandSearch(CommandSearch search) {
        return new Kubeconfig(files, search);
    }

    CommandSearch commandSearch() {
        return commandSearch;
    }

    /// Every context, in the order the files define them.
    public List<KubeContext> contexts() {
        List<KubeContext> list = new ArrayList<>(contexts.size());
        for (KubeconfigFile.Entry entry : contexts.values()) {
            list.add(describe(entry));
        }
        return list;
    }

    public Optional<KubeContext> context(String name) {
        KubeconfigFile.Entry entry = contexts.get(name);
        return entry == null ? Optional.empty() : Optional.of(describe(entry));
    }

    /// The `current-context` of the first file that sets one.
    public @Nullable String currentContext() {
        return currentContext;
    }

    public boolean isEmpty() {
        return contexts.isEmpty();
    }

    /// The files (or named texts) read, as shown in messages.
    public List<String> sources() {
        return files.stream().map(KubeconfigFile::source).toList();
    }

    private KubeContext describe(KubeconfigFile.Entry context) {
        String cluster = text(context.body(), "cluster");
        KubeconfigFile.Entry clusterEntry = clusters.get(cluster);
        String server = clusterEntry == null ? null : textOrNull(clusterEntry.body(), "server");
        return new KubeContext(context.name(), cluster, server, text(context.body(), "user"),
                textOrNull(context.body(), "namespace"), context.file().source());
    }

    KubeconfigFile.@Nullable Entry contextEntry(String name) {
        return contexts.get(name);
    }

    KubeconfigFile.@Nullable Entry clusterEntry(String name) {
        return clusters.get(name);
    }

    KubeconfigFile.@Nullable Entry userEntry(String name) {
        return users.get(name);
    }

    static String text(Map<String, Object> body, String key) {
        String value = textOrNull(body, key);
        return value == null ? "" : value;
    }

    static @Nullable String textOrNull(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value == null ? null : value.toString();
    }
}
