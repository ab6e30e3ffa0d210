package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.PlannedPod;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One pod's part of a drain: evict (retrying a PodDisruptionBudget's refusal, and an API
/// server's throttling, failures and absence for up to [TransientRetry#LIMIT]), then wait until
/// it is gone or replaced.
final class PodTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PodTask.class);

    enum State { PENDING, EVICTED, GONE, BLOCKED, FAILED }

    private final PlannedPod pod;
    private final DrainOptions options;
    private final Consumer<DrainEvent> listener;
    private final NodeDrainer drainer;
    private final BooleanSupplier cancelled;
    private volatile State state = State.PENDING;
    private volatile @Nullable String problem;

    PodTask(PlannedPod pod, DrainOptions options, Consumer<DrainEvent> listener, NodeDrainer drainer,
            BooleanSupplier cancelled) {
        this.pod = pod;
        this.options = options;
        this.listener = listener;
        this.drainer = drainer;
        this.cancelled = cancelled;
    }

    PlannedPod pod() {
        return pod;
    }

    State state() {
        return state;
    }

    @Nullable String problem() {
        return problem;
    }

    @Override
    public void run() {
        try {
            if (!DrainRun.waitsOnly(pod) && !evict()) {
                return;
            }
            if (options.dryRun()) {
                state = State.GONE;
                return;
            }
            awaitGone();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /// Whether the eviction was accepted (false: gone already, or failed for good).
    private boolean evict() throws InterruptedException {
        var target = pod.pod();
        TransientRetry trouble = new TransientRetry();
        for (int attempt = 1; !cancelled.getAsBoolean(); attempt++) {
            PodEviction.Result result;
            try {
                result = drainer.eviction().evict(target.namespace(), target.name(), options.gracePeriodSeconds(),
                        options.dryRun());
            } catch (ActionException unreachable) {
                // Not reached or no answer in time (e.g. the API server is restarting): try again.
                result = new PodEviction.Result.Busy(unreachable.getMessage(), Duration.ZERO);
            }
            if (!(result instanceof PodEviction.Result.Busy)) {
                trouble.reset();
            }
            switch (result) {
                case PodEviction.Result.Busy busy -> {
                    LOG.info("Eviction of {} not taken now ({}); retrying", target.qualifiedName(), busy.why());
                    if (!trouble.pause(busy.retryAfter())) {
                        fail("Could not evict pod " + target.qualifiedName() + " " + TransientRetry.gaveUp() + ": "
                                + busy.why());
                        return false;
                    }
                }
                case PodEviction.Result.Accepted accepted -> {
                    state = State.EVICTED;
                    listener.accept(new DrainEvent.Evicted(target));
                    return true;
                }
                case PodEviction.Result.Gone gone -> {
                    state = State.GONE;
                    listener.accept(new DrainEvent.PodGone(target, false));
                    return false;
                }
                case PodEviction.Result.Refused refused -> {
                    fail(Objects.requireNonNullElse(refused.problem().getMessage(), "eviction refused"));
                    return false;
                }
                case PodEviction.Result.Blocked blocked -> {
                    state = State.BLOCKED;
                    problem = blocked.reason();
                    listener.accept(new DrainEvent.EvictionBlocked(target, blocked.reason(), attempt,
                            options.dryRun() ? Duration.ZERO : DrainOptions.BLOCKED_RETRY));
                    if (options.dryRun()) {
                        return false;
                    }
                    Thread.sleep(DrainOptions.BLOCKED_RETRY);
                }
            }
        }
        return false;
    }

    private void awaitGone() throws InterruptedException {
        var target = pod.pod();
        long pollMillis = NodeDrainer.FIRST_POLL.toMillis();
        while (!cancelled.getAsBoolean()) {
            String uid = drainer.podWatch().currentUid(target.namespace(), target.name(), target.uid());
            if (uid == null || !uid.equals(target.uid())) {
                state = State.GONE;
                listener.accept(new DrainEvent.PodGone(target, uid != null));
                return;
            }
            Thread.sleep(pollMillis);
            pollMillis = Math.min(pollMillis * 2, NodeDrainer.POLL.toMillis());
        }
    }

    private void fail(String message) {
        state = State.FAILED;
        problem = message;
        listener.accept(new DrainEvent.EvictionFailed(pod.pod(), message));
    }
}
