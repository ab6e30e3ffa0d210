package dev.gpufleet.sim.api;

/// Thrown out of the handler to reset a connection mid-response: the JDK server closes the
/// socket without ending the body, as a crashed server or a cut network does.
final class ConnectionDropped extends RuntimeException {

    ConnectionDropped() {
        super("connection dropped by the drop fault", null, false, false);
    }
}
