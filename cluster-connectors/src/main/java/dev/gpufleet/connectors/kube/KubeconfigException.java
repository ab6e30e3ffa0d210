package dev.gpufleet.connectors.kube;

import org.jspecify.annotations.Nullable;

/// A kubeconfig that cannot be used. The message names the file (as people write it), the
/// line when one is known, what is wrong and what to do, e.g.
/// `~/.kube/config: line 7: mapping values are not allowed here — fix the YAML or pass --kubeconfig`.
public final class KubeconfigException extends Exception {

    private final String source;
    private final int line;
    private final boolean credentials;

    KubeconfigException(String source, int line, String problem, String advice) {
        this(source, line, problem, advice, null);
    }

    KubeconfigException(String source, int line, String problem, String advice, @Nullable Throwable cause) {
        super(source + ": " + (line > 0 ? "line " + line + ": " : "") + problem + " — " + advice, cause);
        this.source = source;
        this.line = line;
        this.credentials = false;
    }

    private KubeconfigException(String source, String message) {
        super(message);
        this.source = source;
        this.line = 0;
        this.credentials = true;
    }

    /// The credentials a context's user names cannot be had, e.g. its exec plugin is not
    /// installed; `message` says which user, what is missing and what to do.
    static KubeconfigException credentials(String source, String message) {
        return new KubeconfigException(source, message);
    }

    /// Whether the problem is the user's credentials (shown as UNAUTHORIZED) rather than the
    /// file's content or access.
    public boolean isCredentialProblem() {
        return credentials;
    }

    /// The file (or named text) at fault, as shown in the message.
    public String source() {
        return source;
    }

    /// The 1-based line at fault, or 0 when the problem is not on one line.
    public int line() {
        return line;
    }
}
