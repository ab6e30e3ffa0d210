package dev.gpufleet.connectors.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// Builds the fabric8 client configuration for one context.
///
/// The context, its cluster and its user may come from different files of a merged
/// kubeconfig, so relative paths (CA, client certificate and key, token file, exec command)
/// are made absolute against the file that defined each entry, and fabric8 is handed a
/// one-context kubeconfig that exists only in memory. It is given no file path, so it
/// cannot write refreshed tokens back into the user's files.
final class ClientConfigs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CLUSTER_PATHS = Set.of("certificate-authority");
    private static final Set<String> USER_PATHS = Set.of("client-certificate", "client-key", "tokenFile");

    private ClientConfigs() {
    }

    static Config forContext(Kubeconfig kubeconfig, String contextName)
            throws KubeconfigException {
        KubeconfigFile.Entry context = kubeconfig.contextEntry(contextName);
        if (context == null) {
            throw new KubeconfigException(String.join(", ", kubeconfig.sources().isEmpty()
                    ? List.of("kubeconfig") : kubeconfig.sources()), 0,
                    "there is no context named \"" + contextName + "\"",
                    "pick one of " + kubeconfig.contexts().stream().map(KubeContext::name).toList()
                            + " (kubectl config get-contexts lists them)");
        }
        String clusterName = Kubeconfig.text(context.body(), "cluster");
        KubeconfigFile.Entry cluster = kubeconfig.clusterEntry(clusterName);
        if (cluster == null || Kubeconfig.textOrNull(cluster.body(), "server") == null) {
            throw context.file().problem(0, "context \"" + contextName + "\" uses cluster \"" + clusterName + "\", "
                    + (cluster == null ? "which no kubeconfig file defines" : "which has no server URL"));
        }
        String userName = Kubeconfig.text(context.body(), "user");
        KubeconfigFile.Entry user = userName.isEmpty() ? null : kubeconfig.userEntry(userName);
        if (!userName.isEmpty() && user == null) {
            throw context.file().problem(0, "context \"" + contextName + "\" uses user \"" + userName
                    + "\", which no kubeconfig file defines");
        }
        String text = oneContext(context, cluster, user, kubeconfig.commandSearch());
        Config config = fromKubeconfigText(contextName, text);
        if (user != null && user.body().get("exec") instanceof Map<?, ?>) {
            config.setOauthTokenProvider(new ExecTokens(config.getAutoOAuthToken(),
                    () -> fromKubeconfigText(contextName, text).getAutoOAuthToken(), ExecTokens.MAX_AGE, Clock.systemUTC()));
        }
        return config;
    }

    /// The one-context kubeconfig fabric8 is given for `contextName`, as text: what decides
    /// whether an edit of the files changed the context (see [KubeconfigChange]). Empty when
    /// the context is missing or incomplete; exec commands are not looked up here.
    static Optional<String> contextText(Kubeconfig kubeconfig, String contextName) {
        KubeconfigFile.Entry context = kubeconfig.contextEntry(contextName);
        if (context == null) {
            return Optional.empty();
        }
        KubeconfigFile.Entry cluster = kubeconfig.clusterEntry(Kubeconfig.text(context.body(), "cluster"));
        String userName = Kubeconfig.text(context.body(), "user");
        KubeconfigFile.Entry user = userName.isEmpty() ? null : kubeconfig.userEntry(userName);
        if (cluster == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(oneContext(context, cluster, user, null));
        } catch (KubeconfigException unprepared) {
            return Optional.empty();
        }
    }

    /// fabric8 marks this entry point for removal in favour of ones that read files; it is
    /// the only one that takes text without a file to write back to, which is the point here.
    @SuppressWarnings("removal")
    private static Config fromKubeconfigText(String contextName, String text) {
        return Config.fromKubeconfig(contextName, text, null);
    }

    private static String oneContext(KubeconfigFile.Entry context, KubeconfigFile.Entry cluster,
            KubeconfigFile.@Nullable Entry user, @Nullable CommandSearch search) throws KubeconfigException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "v1");
        document.put("kind", "Config");
        document.put("current-context", context.name());
        document.put("contexts", List.of(Map.of("name", context.name(), "context", context.body())));
        document.put("clusters", List.of(Map.of("name", cluster.name(),
                "cluster", absolutePaths(cluster.body(), CLUSTER_PATHS, cluster.file().baseDir()))));
        if (user != null) {
            Map<String, Object> body = absolutePaths(user.body(), USER_PATHS, user.file().baseDir());
            document.put("users", List.of(Map.of("name", user.name(),
                    "user", search == null ? body : ExecPlugins.resolve(user, body, search))));
        }
        try {
            // JSON is YAML, and Jackson writes it without surprises.
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException unexpected) {
            throw context.file().problem(0, "context \"" + context.name() + "\" could not be prepared ("
                    + unexpected.getOriginalMessage() + ")");
        }
    }

    private static Map<String, Object> absolutePaths(Map<String, Object> body, Set<String> pathKeys,
            @Nullable Path baseDir) {
        if (baseDir == null) {
            return body;
        }
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (String key : pathKeys) {
            if (copy.get(key) instanceof String path && !path.isBlank()) {
                copy.put(key, baseDir.resolve(path).toString());
            }
        }
        if (copy.get("exec") instanceof Map<?, ?> exec && exec.get("command") instanceof String command
                && command.contains("/") && !Path.of(command).isAbsolute()) {
            Map<Object, Object> execCopy = new LinkedHashMap<>(exec);
            execCopy.put("command", baseDir.resolve(command).normalize().toString());
            copy.put("exec", execCopy);
        }
        return copy;
    }
}
