package dev.gpufleet.connectors.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
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
    /// they pass the proxies and API-server front ends that plain requests pass. The transport
    /// is Vert.x, named here: with two transports on the class path fabric8 would pick either.
    public static KubernetesClient create(Kubeconfig kubeconfig, String context, Duration connectTimeout,
            Duration requestTimeout) throws KubeconfigException {
        return new KubernetesClientBuilder().withConfig(config(kubeconfig, context, connectTimeout, requestTimeout))
                .withHttpClientFactory(new Vertx5HttpClientFactory()).build();
    }

    /// As [#create], noting each `Retry-After` the server sends in `hints`.
    public static KubernetesClient create(Kubeconfig kubeconfig, String context, Duration connectTimeout,
            Duration requestTimeout, ServerPushback hints) throws KubeconfigException {
        return new KubernetesClientBuilder().withConfig(config(kubeconfig, context, connectTimeout, requestTimeout))
                .withHttpClientFactory(new Vertx5HttpClientFactory())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(ServerPushback.NAME, hints))
                .build();
    }

    /// A client for a few requests and then close, as one action or command makes: the same
    /// settings as [#create], over the JDK's own HTTP client, which is ready in a fraction of the
    /// time Vert.x (fabric8's default, kept for the long-lived connections) takes to start; a
    /// `gpufleet drain` spends less time starting than draining.
    public static KubernetesClient createShortLived(Kubeconfig kubeconfig, String context, Duration connectTimeout,
            Duration requestTimeout) throws KubeconfigException {
        return new KubernetesClientBuilder().withConfig(config(kubeconfig, context, connectTimeout, requestTimeout))
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    private static Config config(Kubeconfig kubeconfig, String context, Duration connectTimeout,
            Duration requestTimeout) throws KubeconfigException {
        Config config = ClientConfigs.forContext(kubeconfig, context);
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setRequestRetryBackoffLimit(0);
        config.setWatchReconnectLimit(2);
        config.setWatchReconnectInterval(500);
        config.setOnlyHttpWatches(true);
        return config;
    }
}
