package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.core.rebalance.MoveResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// A rebalance being applied: moves start in step order, at most [PodMoves.Settings#concurrency]
/// at a time. [#cancel()] (Ctrl-C) and the timeout stop new evictions and end those in flight;
/// what was evicted stays evicted. [#pause()] holds back the moves not yet started (those in
/// flight finish) until [#resume()]; the timeout keeps counting meanwhile.
public final class MoveRun {

    private final List<Move> moves;
    private final PodMoves.Settings settings;
    private final Consumer<MoveEvent> listener;
    private final PodMoves pods;
    private final CompletableFuture<ApplyReport> result = new CompletableFuture<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final @Nullable MoveResult[] results;
    private volatile boolean cancelled;
    /// Guards `paused`; waited on while paused.
    private final Object gate = new Object();
    private boolean paused;

    MoveRun(List<Move> moves, PodMoves.Settings settings, Consumer<MoveEvent> listener, PodMoves pods) {
        this.moves = List.copyOf(moves);
        this.settings = settings;
        this.listener = listener;
        this.pods = pods;
        this.results = new MoveResult[this.moves.size()];
    }

    /// Completes with the report when the run ends, however it ends.
    public CompletableFuture<ApplyReport> result() {
        return result;
    }

    /// Stops the run: no new evictions; moves in flight end as [Status#STOPPED] unless already done.
    public void cancel() {
        cancelled = true;
        synchronized (gate) {
            gate.notifyAll();
        }
        workers.forEach(Thread::interrupt);
    }

    /// Starts no new move until [#resume()]; moves in flight carry on.
    public void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    /// Starts moves again after [#pause()].
    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    public boolean isPaused() {
        synchronized (gate) {
            return paused;
        }
    }

    void start() {
        Thread.ofVirtual().name("gpufleet-rebalance").start(() -> {
            long started = System.nanoTime();
            try {
                boolean stopped = runAll(started);
                result.complete(report(stopped, started));
            } catch (RuntimeException bug) {
                result.completeExceptionally(bug);
            }
        });
    }

    /// Starts every move in order under the concurrency bound; true when stopped early.
    private boolean runAll(long started) {
        Semaphore slots = new Semaphore(settings.concurrency());
        long deadline = settings.timeout().isZero() ? Long.MAX_VALUE : started + settings.timeout().toNanos();
        try {
            for (int i = 0; i < moves.size() && !cancelled; i++) {
                if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    cancel();
                    break;
                }
                if (!awaitResumed(deadline)) {
                    cancel();
                }
                if (cancelled) {
                    break;
                }
                int index = i;
                MoveTask task = new MoveTask(moves.get(i), listener, pods, () -> cancelled,
                        settings.cordonSource());
                workers.add(Thread.ofVirtual().name("gpufleet-move-" + moves.get(i).step()).start(() -> {
                    try {
                        results[index] = task.call();
                    } finally {
                        slots.release();
                    }
                }));
            }
            awaitWorkers(deadline);
        } catch (InterruptedException stop) {
            cancel();
        }
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }
        return cancelled;
    }

    /// Waits while paused; false when the deadline passed meanwhile.
    private boolean awaitResumed(long deadline) throws InterruptedException {
        synchronized (gate) {
            while (paused && !cancelled) {
                if (deadline == Long.MAX_VALUE) {
                    gate.wait();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(gate, left);
            }
        }
        return true;
    }

    /// Waits for every worker until the deadline; past it, cancels the run.
    private void awaitWorkers(long deadline) throws InterruptedException {
        for (Thread worker : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !worker.join(Duration.ofNanos(Math.min(left, Long.MAX_VALUE / 2)))) {
                cancel();
                return;
            }
        }
    }

    private ApplyReport report(boolean stopped, long started) {
        List<MoveResult> all = new ArrayList<>(moves.size());
        for (int i = 0; i < moves.size(); i++) {
            MoveResult done = results[i];
            all.add(done != null ? done : new MoveResult(moves.get(i), Status.STOPPED, null,
                    "not started: the run was stopped first"));
        }
        return new ApplyReport(all, stopped, Duration.ofNanos(System.nanoTime() - started));
    }
}
