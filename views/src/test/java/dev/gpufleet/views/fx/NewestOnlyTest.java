package dev.gpufleet.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/// Newest-input-only background work, driven by hand-run executors so every interleaving is exact.
class NewestOnlyTest {

    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Queue<Runnable> fx = new ArrayDeque<>();
    private final List<String> worked = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();
    private final NewestOnly<String, Integer> work = new NewestOnly<>("test work", this::length,
            (input, length) -> delivered.add(input + "=" + length), queue(background), queue(fx));

    private int length(String input) {
        worked.add(input);
        if (input.equals("boom")) {
            throw new IllegalStateException("broken input");
        }
        return input.length();
    }

    private static Executor queue(Queue<Runnable> tasks) {
        return tasks::add;
    }

    private static void runAll(Queue<Runnable> tasks) {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    @Test
    void inputsThatArriveWhileBusyReplaceEachOtherAndOnlyTheNewestIsWorkedOn() {
        work.submit("a");
        work.submit("bb");
        work.submit("ccc");

        assertThat(background).as("one worker, however many inputs").hasSize(1);
        assertThat(work.busy()).isTrue();
        runAll(background);
        assertThat(worked).containsExactly("ccc");
        assertThat(delivered).as("results reach the FX executor, not the worker").isEmpty();

        runAll(fx);
        assertThat(delivered).containsExactly("ccc=3");
        assertThat(work.busy()).isFalse();
    }

    @Test
    void anInputSubmittedDuringWorkIsWorkedOnNextByTheSameWorker() {
        NewestOnly<String, Integer> chained = new NewestOnly<>("chained", input -> {
            worked.add(input);
            if (input.equals("first")) {
                // Arrives while "first" is being worked on.
                submitLater.run();
            }
            return input.length();
        }, (input, length) -> delivered.add(input + "=" + length), queue(background), queue(fx));
        submitLater = () -> chained.submit("second");

        chained.submit("first");
        runAll(background);
        runAll(fx);

        assertThat(worked).containsExactly("first", "second");
        assertThat(delivered).containsExactly("first=5", "second=6");
        assertThat(chained.busy()).isFalse();
    }

    private Runnable submitLater = () -> { };

    @Test
    void aFailingInputIsLoggedAndTheNextOneIsStillWorkedOn() {
        work.submit("boom");
        runAll(background);
        work.submit("ok");
        runAll(background);
        runAll(fx);

        assertThat(worked).containsExactly("boom", "ok");
        assertThat(delivered).containsExactly("ok=2");
        assertThat(work.busy()).isFalse();
    }
}
