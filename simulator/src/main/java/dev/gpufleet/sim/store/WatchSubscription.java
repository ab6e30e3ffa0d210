package dev.gpufleet.sim.store;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/// A watcher's place in a store: the changes it missed (replayed first) and a queue of new
/// ones. A watcher that falls too far behind is cut off, as the API server closes slow
/// watchers; its client relists and watches again.
public final class WatchSubscription implements AutoCloseable {

    private static final int CAPACITY = 50_000;

    private final ResourceStore<?> store;
    private final List<WatchEvent> replay;
    private final long startResourceVersion;
    private final BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
    private volatile boolean overflowed;

    WatchSubscription(ResourceStore<?> store, List<WatchEvent> replay, long startResourceVersion) {
        this.store = store;
        this.replay = List.copyOf(replay);
        this.startResourceVersion = startResourceVersion;
    }

    /// Changes after the requested resource version that happened before subscribing.
    public List<WatchEvent> replay() {
        return replay;
    }

    /// The store's resource version when the subscription began.
    public long startResourceVersion() {
        return startResourceVersion;
    }

    void offer(WatchEvent event) {
        if (!queue.offer(event)) {
            overflowed = true;
        }
    }

    /// The next change, or null after `timeoutMillis` without one.
    public @Nullable WatchEvent next(long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /// Whether changes were dropped because this watcher read too slowly.
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public void close() {
        store.unsubscribe(this);
    }
}
