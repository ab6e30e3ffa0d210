package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.drain.DrainReport.Outcome;
import dev.gpufleet.core.drain.Disposition;
import dev.gpufleet.core.drain.PlannedPod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// One drain in progress: its result, and a way to cancel it. Cancelling stops the evictions
/// and waits; pods already evicted stay evicted and the node stays cordoned.
public final class DrainRun {

    private final DrainPlan plan;
    private final Consumer<DrainEvent> listener;
    private final NodeDrainer drainer;
    private final CompletableFuture<DrainReport> result = new CompletableFuture<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile @Nullable Thread main;

    DrainRun(DrainPlan plan, Consumer<DrainEvent> listener, NodeDrainer drainer) {
        this.plan = plan;
        this.listener = listener;
        this.drainer = drainer;
    }

    /// Completes with the report when the drain ends, however it ends.
    public CompletableFuture<DrainReport> result() {
        return result;
    }

    public DrainPlan plan() {
        return plan;
    }

    /// Stops the drain; the result completes with [Outcome#CANCELLED] soon after.
    public void cancel() {
        cancelled = true;
        Thread running = main;
        if (running != null) {
            running.interrupt();
        }
        workers.forEach(Thread::interrupt);
    }

    void start() {
        Thread.ofVirtual().name("gpufleet-drain-" + plan.node()).start(() -> {
            try {
                result.complete(runHere());
            } catch (InterruptedException stopped) {
                result.complete(report(Outcome.CANCELLED, List.of(), names(plan.removals()), 0, "cancelled"));
            } catch (RuntimeException bug) {
                result.completeExceptionally(bug);
            }
        });
    }

    DrainReport runHere() throws InterruptedException {
        main = Thread.currentThread();
        long started = System.nanoTime();
        DrainOptions options = plan.options();
        if (!options.dryRun()) {
            try {
                boolean changed = cordon();
                listener.accept(new DrainEvent.Cordoned(plan.node(), !changed));
            } catch (ActionException failed) {
                return report(Outcome.FAILED, List.of(), names(plan.removals()), started, failed.getMessage()
                        + " Nothing was evicted.");
            }
        }
        if (!plan.canProceed()) {
            return NodeDrainer.refused(plan, Duration.ofNanos(System.nanoTime() - started));
        }
        List<PlannedPod> removals = plan.removals();
        List<PodTask> tasks = new ArrayList<>(removals.size());
        for (PlannedPod pod : removals) {
            PodTask task = new PodTask(pod, options, listener, drainer, () -> cancelled);
            tasks.add(task);
            workers.add(Thread.ofVirtual().name("gpufleet-evict-" + pod.pod().name()).start(task));
        }
        boolean timedOut = awaitWorkers(started, options.timeout());
        return summarize(tasks, started, timedOut);
    }

    /// Cordons the node, riding out throttling and a restarting API server.
    private boolean cordon() throws ActionException, InterruptedException {
        TransientRetry trouble = new TransientRetry();
        while (true) {
            try {
                return drainer.nodeActions().cordon(plan.node());
            } catch (ActionException failed) {
                if (cancelled || !TransientRetry.isTransient(failed.status()) || !trouble.pause(Duration.ZERO)) {
                    throw TransientRetry.isTransient(failed.status()) && !cancelled
                            ? new ActionException(failed.status(), failed.getMessage() + " (gave up "
                                    + TransientRetry.gaveUp() + ")")
                            : failed;
                }
            }
        }
    }

    /// Waits for every worker, or until the timeout (zero: none) or a cancel; true on timeout.
    private boolean awaitWorkers(long started, Duration timeout) throws InterruptedException {
        long deadline = timeout.isZero() ? Long.MAX_VALUE : started + timeout.toNanos();
        try {
            for (Thread worker : workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(Math.min(left, Long.MAX_VALUE / 2)))) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException stop) {
            if (!cancelled) {
                throw stop;
            }
            // Cancelled: stop the workers and report what each got to.
            Thread.interrupted();
            return false;
        } finally {
            workers.forEach(Thread::interrupt);
            for (Thread worker : workers) {
                worker.join(Duration.ofSeconds(2));
            }
        }
    }

    private DrainReport summarize(List<PodTask> tasks, long started, boolean timedOut) {
        List<String> gone = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, List<String>> heldBack = new TreeMap<>();
        for (PodTask task : tasks) {
            String name = task.pod().pod().qualifiedName();
            switch (task.state()) {
                case GONE -> gone.add(name);
                case FAILED -> {
                    remaining.add(name);
                    failures.add(task.problem());
                }
                case BLOCKED -> {
                    remaining.add(name);
                    heldBack.computeIfAbsent(budgetsOf(task), k -> new ArrayList<>()).add(name);
                }
                default -> remaining.add(name);
            }
        }
        String node = plan.node();
        String why = heldBack.isEmpty() ? "" : " " + heldBack.entrySet().stream()
                .map(e -> e.getValue().size() + (e.getValue().size() == 1 ? " pod" : " pods") + " held back by "
                        + e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; ")) + ".";
        if (plan.options().dryRun()) {
            return report(Outcome.DRY_RUN, gone, remaining, started, "Dry run: draining " + node + " would evict "
                    + gone.size() + (gone.size() == 1 ? " pod" : " pods") + (heldBack.isEmpty() ? "." : "; now" + why)
                    + " Nothing was changed.");
        }
        if (cancelled) {
            return report(Outcome.CANCELLED, gone, remaining, started, "Drain of " + node + " cancelled: "
                    + gone.size() + " pods gone, " + remaining.size() + " remain. The node stays cordoned.");
        }
        if (!failures.isEmpty()) {
            return report(Outcome.FAILED, gone, remaining, started, String.join("\n", failures)
                    + "\nThe node stays cordoned; " + remaining.size() + " pods remain on it.");
        }
        if (timedOut || !remaining.isEmpty()) {
            return report(Outcome.TIMED_OUT, gone, remaining, started, "Gave up draining " + node + " after "
                    + plan.options().timeout().toSeconds() + " s with " + remaining.size() + " pods left:" + why
                    + " The node stays cordoned; once replacements are healthy elsewhere, drain again.");
        }
        return report(Outcome.DRAINED, gone, remaining, started, "Node " + node + " drained: " + gone.size()
                + (gone.size() == 1 ? " pod" : " pods") + " evicted.");
    }

    /// The budgets that select a held-back pod, e.g. `PodDisruptionBudget ml/web-pdb`.
    private static String budgetsOf(PodTask task) {
        var pod = task.pod().pod();
        if (pod.budgets().isEmpty()) {
            return "a PodDisruptionBudget";
        }
        return (pod.budgets().size() == 1 ? "PodDisruptionBudget " : "PodDisruptionBudgets ")
                + pod.budgets().stream().map(b -> pod.namespace() + "/" + b).collect(Collectors.joining(", "));
    }

    private DrainReport report(Outcome outcome, List<String> gone, List<String> remaining, long started, String message) {
        Duration took = started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        return new DrainReport(plan.node(), outcome, gone, remaining, message, took);
    }

    private static List<String> names(List<PlannedPod> pods) {
        return pods.stream().map(p -> p.pod().qualifiedName()).toList();
    }

    static boolean waitsOnly(PlannedPod pod) {
        return pod.disposition() == Disposition.WAIT;
    }
}
