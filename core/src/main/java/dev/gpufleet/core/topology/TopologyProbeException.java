package dev.gpufleet.core.topology;

/// A probe of a node's topology that did not work; the message says why and what to do.
public final class TopologyProbeException extends Exception {

    private static final long serialVersionUID = 1L;

    public TopologyProbeException(String message) {
        super(message);
    }

    public TopologyProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
