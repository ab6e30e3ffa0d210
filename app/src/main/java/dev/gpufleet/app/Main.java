package dev.gpufleet.app;

import dev.gpufleet.app.cli.GpufleetCommand;

/// The entry point. Not a JavaFX `Application` on purpose: launched from the class path, such a
/// main class fails with "JavaFX runtime components are missing"; the console starts the
/// toolkit itself when it is asked for.
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(GpufleetCommand.commandLine().execute(args));
    }
}
