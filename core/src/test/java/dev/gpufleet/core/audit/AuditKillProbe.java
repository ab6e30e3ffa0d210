package dev.gpufleet.core.audit;

import java.nio.file.Path;
import java.util.Map;

/// A process that records an intent, then "runs the action" until it is killed.
final class AuditKillProbe {

    private AuditKillProbe() {
    }

    public static void main(String[] args) throws Exception {
        new AuditLog(Path.of(args[0])).intent("prod", "alice", "drain", "node/gpu-a-001", Map.of());
        Thread.sleep(60_000);
    }
}
