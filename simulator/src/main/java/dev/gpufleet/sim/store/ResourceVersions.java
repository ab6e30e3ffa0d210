package dev.gpufleet.sim.store;

import java.util.concurrent.atomic.AtomicLong;

/// The cluster-wide resource version counter, like etcd's revision: every change anywhere takes
/// the next number, so versions increase monotonically within each store and across them.
public final class ResourceVersions {

    private final AtomicLong current = new AtomicLong(1_000);

    /// Reserves `count` consecutive versions for initial objects and returns the first.
    public long reserve(int count) {
        return current.getAndAdd(count) + 1;
    }

    public long next() {
        return current.incrementAndGet();
    }

    public long current() {
        return current.get();
    }
}
