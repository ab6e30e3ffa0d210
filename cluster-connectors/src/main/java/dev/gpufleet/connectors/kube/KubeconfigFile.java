package dev.gpufleet.connectors.kube;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/// One kubeconfig document, read but not interpreted beyond its named entries.
///
/// `baseDir` is the folder relative paths in it are relative to (`null` for text).
final class KubeconfigFile {

    /// A named entry (`contexts[]`, `clusters[]`, `users[]`) and the file it came from.
    record Entry(String name, Map<String, Object> body, KubeconfigFile file) {
    }

    private final String source;
    private final @Nullable Path baseDir;
    private final KubeconfigOrigin origin;
    private @Nullable String currentContext;
    private final Map<String, Entry> contexts = new LinkedHashMap<>();
    private final Map<String, Entry> clusters = new LinkedHashMap<>();
    private final Map<String, Entry> users = new LinkedHashMap<>();

    private KubeconfigFile(String source, @Nullable Path baseDir, KubeconfigOrigin origin) {
        this.source = source;
        this.baseDir = baseDir;
        this.origin = origin;
    }

    static KubeconfigFile parse(String text, String source, @Nullable Path baseDir, KubeconfigOrigin origin)
            throws KubeconfigException {
        KubeconfigFile file = new KubeconfigFile(source, baseDir, origin);
        Object document = file.load(text);
        if (document == null) {
            return file;
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw file.problem(1, "this is not a kubeconfig (expected a mapping with clusters, contexts and users)");
        }
        Object current = top.get("current-context");
        if (current instanceof String name && !name.isBlank()) {
            file.currentContext = name;
        }
        file.readNamed(top, "contexts", "context", file.contexts);
        file.readNamed(top, "clusters", "cluster", file.clusters);
        file.readNamed(top, "users", "user", file.users);
        return file;
    }

    private @Nullable Object load(String text) throws KubeconfigException {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(50).build();
        try {
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException bad) {
            Optional<Mark> mark = bad.getProblemMark().or(bad::getContextMark);
            String problem = bad.getProblem() != null ? bad.getProblem() : firstLine(bad.getMessage());
            throw new KubeconfigException(source, mark.map(m -> m.getLine() + 1).orElse(0), problem,
                    origin.fixContent(), bad);
        } catch (YamlEngineException bad) {
            throw new KubeconfigException(source, 0, firstLine(bad.getMessage()), origin.fixContent(), bad);
        }
    }

    private void readNamed(Map<?, ?> top, String key, String bodyKey, Map<String, Entry> into)
            throws KubeconfigException {
        Object list = top.get(key);
        if (list == null) {
            return;
        }
        if (!(list instanceof List<?> items)) {
            throw problem(0, "\"" + key + "\" should be a list of entries with a name and a " + bodyKey);
        }
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item) || !(item.get("name") instanceof String name)
                    || name.isBlank()) {
                throw problem(0, key + "[" + i + "] has no name");
            }
            Object body = item.get(bodyKey);
            if (body != null && !(body instanceof Map<?, ?>)) {
                throw problem(0, key + "[" + i + "] (" + name + ") has a \"" + bodyKey + "\" that is not a mapping");
            }
            into.putIfAbsent(name, new Entry(name, stringKeys(body), this));
        }
    }

    private static Map<String, Object> stringKeys(@Nullable Object body) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k.toString(), v);
                }
            });
        }
        return copy;
    }

    KubeconfigException problem(int line, String what) {
        return new KubeconfigException(source, line, what, origin.fixContent());
    }

    private static String firstLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "the YAML cannot be read";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    String source() {
        return source;
    }

    @Nullable Path baseDir() {
        return baseDir;
    }

    KubeconfigOrigin origin() {
        return origin;
    }

    @Nullable String currentContext() {
        return currentContext;
    }

    Map<String, Entry> contexts() {
        return contexts;
    }

    Map<String, Entry> clusters() {
        return clusters;
    }

    Map<String, Entry> users() {
        return users;
    }
}
