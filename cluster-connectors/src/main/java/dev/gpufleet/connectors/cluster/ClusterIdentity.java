package dev.gpufleet.connectors.cluster;

/// Who connects where, for messages: the context, its API server URL and its user.
record ClusterIdentity(String context, String server, String user) {

    /// `context "prod" (https://10.0.0.1:6443)`
    String describe() {
        return "context \"" + context + "\" (" + server + ")";
    }
}
