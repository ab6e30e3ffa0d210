package dev.gpufleet.core.exec;

/// Runs each task at once on the calling thread: for tests and for command-line runs.
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public void execute(Runnable task) {
        task.run();
    }
}
