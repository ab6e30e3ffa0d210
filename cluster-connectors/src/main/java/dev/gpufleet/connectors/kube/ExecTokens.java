package dev.gpufleet.connectors.kube;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/// Keeps an exec credential plugin's token fresh for a long-lived client.
///
/// fabric8 runs the plugin once, when the client's configuration is built, and a client given
/// no kubeconfig file (see [ClientConfigs]) cannot run it again: its refresh re-reads a file.
/// Cloud tokens expire (EKS's after 15 minutes), so a console left open would turn
/// unauthorized. This provider hands fabric8 the token for each request and runs the plugin
/// again (through fabric8, from the same in-memory configuration) once the token is older than
/// `maxAge`; kubectl runs it on every command, so this is gentler. A run that yields no token
/// keeps the previous one, and the connection's state shows the refusal if it comes.
final class ExecTokens implements OAuthTokenProvider {

    /// Well inside the shortest token life of the big clouds (EKS: 15 minutes).
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Supplier<@Nullable String> runPlugin;
    private final Duration maxAge;
    private final Clock clock;
    private @Nullable String token;
    private Instant fetched;

    ExecTokens(@Nullable String first, Supplier<@Nullable String> runPlugin, Duration maxAge, Clock clock) {
        this.token = first;
        this.runPlugin = runPlugin;
        this.maxAge = maxAge;
        this.clock = clock;
        this.fetched = clock.instant();
    }

    @Override
    public synchronized @Nullable String getToken() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(fetched.plus(maxAge))) {
            runAgain();
        }
        return token;
    }

    /// Runs the plugin now; keeps the previous token if it yields none.
    synchronized @Nullable String runAgain() {
        String fresh = runPlugin.get();
        fetched = clock.instant();
        if (fresh != null && !fresh.isEmpty()) {
            token = fresh;
        }
        return token;
    }

    /// Never shows the token.
    @Override
    public String toString() {
        return "ExecTokens[token " + (token == null ? "absent" : "held") + ", fetched " + fetched + "]";
    }
}
