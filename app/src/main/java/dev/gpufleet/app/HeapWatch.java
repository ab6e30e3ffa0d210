package dev.gpufleet.app;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.util.stream.Collectors;
import javax.management.openmbean.CompositeData;

/// The heap as the collector sees it: how much each collection left in use (the most of it is
/// the live set's high-water mark plus what the collector chose to keep), and the heap used
/// after a full collection asked for now.
final class HeapWatch implements AutoCloseable {

    private static final int MAX_PAUSES = 100_000;
    private final AtomicLong maxAfterGc = new AtomicLong();
    /// Stop-the-world collections: {start, duration} in milliseconds of JVM uptime.
    private final List<long[]> pauses = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                // The collector reports non-heap pools too (metaspace, code cache): heap pools only.
                used += heapPools.contains(pool.getKey()) ? pool.getValue().getUsed() : 0;
            }
            maxAfterGc.accumulateAndGet(used, Math::max);
            // G1's concurrent cycle runs beside the application; its young and full collections stop it.
            if (!info.getGcName().contains("Concurrent")) {
                synchronized (pauses) {
                    if (pauses.size() < MAX_PAUSES) {
                        pauses.add(new long[] {info.getGcInfo().getStartTime(), info.getGcInfo().getDuration()});
                    }
                }
            }
        }
    };

    private HeapWatch() {
    }

    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(watch.listener, null, null);
                watch.emitters.add(emitter);
            }
        }
        return watch;
    }

    /// The most heap any collection since [#start()] left in use, in bytes.
    long maxAfterGc() {
        return maxAfterGc.get();
    }

    /// Milliseconds of stop-the-world collection between two instants of JVM uptime (milliseconds).
    long pausedBetween(long fromUptime, long toUptime) {
        long paused = 0;
        synchronized (pauses) {
            for (long[] pause : pauses) {
                long start = Math.max(fromUptime, pause[0]);
                long end = Math.min(toUptime, pause[0] + pause[1]);
                paused += Math.max(0, end - start);
            }
        }
        return paused;
    }

    /// Collects fully (twice, so finalizable and soft garbage goes too) and returns the heap used.
    long usedAfterFullGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
