package dev.gpufleet.app.cli;

/// A failure the user can fix: its message says what went wrong, where, and what to do, and is
/// printed as one line without a stack trace.
public final class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(String message) {
        this(message, 2);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
