package dev.gpufleet.core.exec;

/// Runs each task on its own named virtual thread.
public final class VirtualThreadTaskExecutor implements TaskExecutor {

    private final Thread.Builder builder;

    public VirtualThreadTaskExecutor(String namePrefix) {
        this.builder = Thread.ofVirtual().name(namePrefix + "-", 0);
    }

    @Override
    public void execute(Runnable task) {
        builder.start(task);
    }
}
