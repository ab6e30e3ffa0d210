package dev.gpufleet.sim.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The API server faults in force, switched at runtime; the API server asks it on every request.
///
/// ```java
/// sim.apiFaults().set(FaultSwitch.parse("throttle=0.5")); // every other request gets a 429
/// sim.apiFaults().clearAll();
/// ```
///
/// Fractions are dealt out evenly rather than at random (a fraction of 0.5 hits every other
/// request), so a test sees the same sequence every run. Health probes (`/healthz`, `/livez`,
/// `/readyz`) and the fault switch itself are exempt, as a real API server exempts its probes
/// from priority and fairness.
public final class ApiFaults implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFaults.class);

    /// Seconds a throttled client is told to wait in `Retry-After`.
    public static final int RETRY_AFTER_SECONDS = 1;

    /// How an open watch stream is ended.
    public enum Cut {
        /// An ERROR event with a 410 Expired Status, then the end of the stream.
        EXPIRED,
        /// An ERROR event with a 503 Status, then the end of the stream.
        UNAVAILABLE,
        /// The connection is reset mid-stream, with no end chunk.
        DROPPED
    }

    /// Stops the API server, runs `whileDown`, waits `down`, and starts it again on the same port.
    public interface Restarter {
        void restart(Duration down, Runnable whileDown);
    }

    private final LongSupplier resourceVersion;
    private final Map<ApiFault, FaultSwitch> active = new EnumMap<>(ApiFault.class);
    private final AtomicLong cuts = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sim-api-faults").factory());
    private @Nullable Restarter restarter;
    private @Nullable ScheduledFuture<?> expiring;
    private volatile Cut lastCut = Cut.DROPPED;
    private volatile long compactedBelow;
    private volatile double throttle;
    private volatile double drop;
    private volatile boolean watch503;
    private volatile Duration latency = Duration.ZERO;
    private double throttleDebt;
    private double dropDebt;

    /// @param resourceVersion the store's current resource version (a watch expiry compacts
    ///                        the history up to it)
    public ApiFaults(LongSupplier resourceVersion) {
        this.resourceVersion = Objects.requireNonNull(resourceVersion, "resourceVersion");
    }

    /// Who restarts the API server (set once by the simulator).
    public synchronized void restarter(Restarter restarter) {
        this.restarter = restarter;
    }

    /// Switches `fault` on (a one-shot happens now). Replaces the same fault's earlier parameter.
    public void set(FaultSwitch fault) {
        LOG.info("API fault on: {}", fault);
        switch (fault.fault()) {
            case RESTART -> restart(fault.durationOr(Duration.ofSeconds(3)), () -> { });
            case WATCH_EXPIRY -> expireEvery(fault.parameter() == null ? null : fault.durationOr(Duration.ZERO), fault);
            case THROTTLE -> remember(fault, () -> throttle = fault.fraction());
            case DROP -> remember(fault, () -> {
                drop = fault.fraction();
                cut(Cut.DROPPED);
            });
            case WATCH_503 -> remember(fault, () -> {
                watch503 = true;
                cut(Cut.UNAVAILABLE);
            });
            case SLOW -> remember(fault, () -> latency = fault.durationOr(Duration.ofSeconds(1)));
        }
    }

    /// Switches `fault` off; the API server answers normally again at once.
    public synchronized void clear(ApiFault fault) {
        if (active.remove(fault) != null) {
            LOG.info("API fault off: {}", fault.switchName());
        }
        switch (fault) {
            case THROTTLE -> throttle = 0;
            case DROP -> drop = 0;
            case WATCH_503 -> watch503 = false;
            case SLOW -> latency = Duration.ZERO;
            case WATCH_EXPIRY -> {
                if (expiring != null) {
                    expiring.cancel(false);
                    expiring = null;
                }
            }
            case RESTART -> {
                // a restart in progress runs its course
            }
        }
    }

    /// Switches every fault off.
    public void clearAll() {
        for (ApiFault fault : ApiFault.values()) {
            clear(fault);
        }
    }

    /// The lasting faults in force, e.g. `[throttle=0.5, slow=300ms]`.
    public synchronized List<FaultSwitch> active() {
        return new ArrayList<>(active.values());
    }

    /// Expires every open watch now (410 Gone in an ERROR event) and compacts the history, so a
    /// watch from an older resource version is answered 410 too.
    public void expireWatches() {
        compactedBelow = resourceVersion.getAsLong();
        cut(Cut.EXPIRED);
    }

    /// Resets every open watch (the API server went down under it).
    public void dropOpenWatches() {
        cut(Cut.DROPPED);
    }

    /// Stops the API server (every connection closes), runs `whileDown` (e.g. to change objects
    /// meanwhile), and brings it back on the same port after `down`. Returns at once.
    public void restart(Duration down, Runnable whileDown) {
        Restarter target;
        synchronized (this) {
            target = restarter;
        }
        if (target == null) {
            throw new IllegalStateException("this API server cannot be restarted (no restarter set)");
        }
        Thread.ofVirtual().name("sim-api-restart").start(() -> target.restart(down, whileDown));
    }

    /// Whether this request is to be answered 429.
    public synchronized boolean throttleNow() {
        if (throttle <= 0) {
            return false;
        }
        throttleDebt += throttle;
        if (throttleDebt >= 1 - 1e-9) {
            throttleDebt -= 1;
            return true;
        }
        return false;
    }

    /// Whether this request's connection is to be reset mid-response.
    public synchronized boolean dropNow() {
        if (drop <= 0) {
            return false;
        }
        dropDebt += drop;
        if (dropDebt >= 1 - 1e-9) {
            dropDebt -= 1;
            return true;
        }
        return false;
    }

    /// Whether watch requests are answered 503.
    public boolean watchesUnavailable() {
        return watch503;
    }

    /// The delay added before every answer.
    public Duration latency() {
        return latency;
    }

    /// Watches from a resource version below this are answered 410 Expired (0: none).
    public long compactedBelow() {
        return compactedBelow;
    }

    /// How many times open watches were told to end; a watch compares it with the count it
    /// started at.
    public long cuts() {
        return cuts.get();
    }

    /// How the latest cut ends a watch.
    public Cut lastCut() {
        return lastCut;
    }

    /// Stops the periodic expiry, if any.
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void cut(Cut how) {
        lastCut = how;
        cuts.incrementAndGet();
    }

    private synchronized void remember(FaultSwitch fault, Runnable apply) {
        active.put(fault.fault(), fault);
        apply.run();
    }

    private synchronized void expireEvery(@Nullable Duration period, FaultSwitch fault) {
        expireWatches();
        if (expiring != null) {
            expiring.cancel(false);
            expiring = null;
        }
        if (period != null && !period.isZero()) {
            active.put(ApiFault.WATCH_EXPIRY, fault);
            long millis = period.toMillis();
            expiring = scheduler.scheduleAtFixedRate(this::expireWatches, millis, millis, TimeUnit.MILLISECONDS);
        }
    }
}
