package dev.gpufleet.views.fx;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Work that follows a stream of inputs where only the newest matters: each [#submit] replaces
/// the input not yet started, one input is worked on at a time on `background`, and each result
/// is handed, with its input, to `deliver` on `fx` (the JavaFX thread in the app).
///
/// Views use it to keep work that grows with the fleet (a 100,000-GPU heatmap frame, the scan
/// for GPUs that turned failing) off the FX thread: while one snapshot is worked on, newer ones
/// replace each other and only the newest is worked on next, so a slow computation never queues
/// up behind itself. A failing computation is logged and the next input is still worked on.
///
/// @param <I> the input, e.g. a fleet snapshot
/// @param <O> the result
public final class NewestOnly<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(NewestOnly.class);

    private final String name;
    private final Function<? super I, ? extends O> work;
    private final BiConsumer<? super I, ? super O> deliver;
    private final Executor background;
    private final Executor fx;
    private final AtomicReference<I> pending = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /// `name` names the work in the log when it fails.
    public NewestOnly(String name, Function<? super I, ? extends O> work, BiConsumer<? super I, ? super O> deliver,
                      Executor background, Executor fx) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /// Queues `input` in place of any input not yet started; returns at once.
    public void submit(I input) {
        pending.set(Objects.requireNonNull(input, "input"));
        startIfIdle();
    }

    /// Whether an input waits or is being worked on.
    public boolean busy() {
        return running.get() || pending.get() != null;
    }

    private void startIfIdle() {
        if (running.compareAndSet(false, true)) {
            background.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (I input = pending.getAndSet(null); input != null; input = pending.getAndSet(null)) {
                I current = input;
                O result;
                try {
                    result = work.apply(current);
                } catch (RuntimeException | StackOverflowError failure) {
                    LOG.error("{} failed; the next update tries again", name, failure);
                    continue;
                }
                fx.execute(() -> deliver.accept(current, result));
            }
        } finally {
            running.set(false);
        }
        // An input that came after the loop's last look but before `running` was cleared.
        if (pending.get() != null) {
            startIfIdle();
        }
    }
}
