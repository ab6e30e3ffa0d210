package dev.gpufleet.connectors.prometheus;

import java.io.IOException;

/// A Prometheus-compatible server could not be asked or refused to answer.
///
/// The message is for people: what failed, which URL, what to do.
public final class PrometheusException extends IOException {

    public PrometheusException(String message) {
        super(message);
    }

    public PrometheusException(String message, Throwable cause) {
        super(message, cause);
    }
}
