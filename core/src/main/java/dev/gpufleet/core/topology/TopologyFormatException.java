package dev.gpufleet.core.topology;

/// `nvidia-smi topo -m` text that could not be read: says which line (1-based) and why.
public final class TopologyFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public TopologyFormatException(int line, String reason) {
        super("nvidia-smi topo -m output, line " + line + ": " + reason);
        this.line = line;
    }

    /// The 1-based line the problem is on.
    public int line() {
        return line;
    }
}
