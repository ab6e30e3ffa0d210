package dev.gpufleet.core.actions;

/// A node operation the cluster refused or could not do, with a message for people that says
/// what it means and what to do; `status` is the HTTP status (0 when no server answered).
public final class OperationException extends Exception {

    private final int status;

    public OperationException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
