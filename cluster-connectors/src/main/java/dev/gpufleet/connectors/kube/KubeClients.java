package dev.gpufleet.connectors.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/// Makes fabric8 clients for kubeconfig contexts. Building a client does not connect.
public final class KubeClients {

    private KubeClients() {
    }

    /// A client for `context` with the given timeouts.
    ///
    /// fabric8 retries failed requests itself (ten times by default), which would hide an
    /// unreachable server for a minute; here it does not, and callers retry visibly. Watches
    /// give up after two reconnect attempts so that their owner learns of a lost connection.
    /// Watches are HTTP streams, as kubectl's are, rather than fabric8's default WebSocket:
    /// they pass the proxies and API-server front ends that plain requests pass.
    public static KubernetesClient create(Kubeconfig kubeconfig, String context, Duration connectTimeout,
            Duration requestTimeout) throws KubeconfigException {
        Config config = ClientConfigs.forContext(kubeconfig, context);
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setRequestRetryBackoffLimit(0);
        config.setWatchReconnectLimit(2);
        config.setWatchReconnectInterval(500);
        config.setOnlyHttpWatches(true);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
