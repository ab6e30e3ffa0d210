package dev.gpufleet.connectors.actions;

/// An action the API server refused or could not do, with a message for people; `status` is
/// the HTTP status (0 when the server was not reached).
public final class ActionException extends Exception {

    private final int status;

    public ActionException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ActionException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
