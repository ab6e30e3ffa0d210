package dev.gpufleet.connectors.kube;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// Points a user's exec credential plugin (`users[].user.exec`, the
/// `client.authentication.k8s.io` ExecCredential protocol) at the program it names, so that
/// fabric8 runs it even when gpufleet's own `PATH` lacks it (a desktop launcher's).
///
/// Only the in-memory copy fabric8 is given changes: `command` becomes the absolute path
/// [CommandSearch] found, and a plugin found outside this process's `PATH` gets the searched
/// folders as its `PATH` (unless the kubeconfig sets one) so the tools it calls are found too.
/// The kubeconfig file is never touched. A plugin that is nowhere is a credential problem whose
/// message names the user, the command and the folders looked in.
final class ExecPlugins {

    private static final int FOLDERS_SHOWN = 12;

    private ExecPlugins() {
    }

    static Map<String, Object> resolve(KubeconfigFile.Entry user, Map<String, Object> body, CommandSearch search)
            throws KubeconfigException {
        if (!(body.get("exec") instanceof Map<?, ?> exec) || !(exec.get("command") instanceof String command)
                || command.isBlank()) {
            return body;
        }
        Optional<CommandSearch.Found> found = search.find(command);
        if (found.isEmpty()) {
            throw KubeconfigException.credentials(user.file().source(), missing(user.name(), command, search));
        }
        Map<Object, Object> execCopy = new LinkedHashMap<>(exec);
        execCopy.put("command", found.get().path().toString());
        if (found.get().outsideProcessPath() && !setsPath(exec.get("env"))) {
            List<Object> env = exec.get("env") instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
            env.add(Map.of("name", "PATH", "value", search.searchPath()));
            execCopy.put("env", env);
        }
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("exec", execCopy);
        return copy;
    }

    private static boolean setsPath(Object env) {
        return env instanceof List<?> list && list.stream()
                .anyMatch(item -> item instanceof Map<?, ?> variable && "PATH".equals(variable.get("name")));
    }

    static String missing(String user, String command, CommandSearch search) {
        if (command.contains("/") || Path.of(command).isAbsolute()) {
            return "The kubeconfig's user " + user + " runs `" + command + "`, which does not exist or is not"
                    + " executable. Install it there, or fix its path in the kubeconfig.";
        }
        List<Path> folders = search.folders();
        String looked = String.join(", ", folders.stream().limit(FOLDERS_SHOWN).map(Path::toString).toList())
                + (folders.size() > FOLDERS_SHOWN ? " and " + (folders.size() - FOLDERS_SHOWN) + " more" : "");
        return "The kubeconfig's user " + user + " runs `" + command + "`, which is not on PATH (looked in "
                + looked + "). Install it, or set its full path in the kubeconfig.";
    }
}
