package dev.gpufleet.connectors.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/// Remembers how an API server last pushed back: the wait it asked for in `Retry-After` with a
/// 429 (API Priority and Fairness throttling) or 503, and the code of its latest refusal (429 or
/// 5xx). fabric8's exceptions carry neither the headers nor, for a watch that gave up after
/// its reconnects, the status of the requests that failed; whoever retries reads them here.
public final class ServerPushback implements Interceptor {

    /// The interceptor's name in the client's chain.
    static final String NAME = "gpufleet-server-pushback";

    private record Refusal(int code, long atNanos) {
    }

    private final AtomicReference<@Nullable Duration> retryAfter = new AtomicReference<>();
    private final AtomicReference<@Nullable Refusal> refusal = new AtomicReference<>();

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        noteAnswer(response.code(), response.header("Retry-After"));
    }

    /// Notes one answer's status code and `Retry-After` header.
    public void noteAnswer(int code, @Nullable String retryAfterHeader) {
        if (code == 429 || code >= 500) {
            refusal.set(new Refusal(code, System.nanoTime()));
            Duration wait = parse(retryAfterHeader);
            if (wait != null) {
                retryAfter.set(wait);
            }
        }
    }

    /// The wait asked for since the last call, once.
    public Optional<Duration> takeRetryAfter() {
        return Optional.ofNullable(retryAfter.getAndSet(null));
    }

    /// The code of the latest refusal (429 or 5xx) if it came within `within`.
    public OptionalInt recentRefusal(Duration within) {
        Refusal last = refusal.get();
        return last != null && System.nanoTime() - last.atNanos() <= within.toNanos()
                ? OptionalInt.of(last.code()) : OptionalInt.empty();
    }

    /// `Retry-After` in seconds (the API server's form); `null` when absent or not a number of
    /// seconds (an HTTP date is not honoured).
    public static @Nullable Duration parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
