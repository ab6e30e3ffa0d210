package dev.gpufleet.app;

import java.nio.file.Path;

/// The files gpufleet keeps for this user, where commands outside this package need them.
public final class PlatformPaths {

    private PlatformPaths() {
    }

    /// The audit log of cluster-changing actions: `audit.jsonl` in the settings directory.
    public static Path auditLog() {
        return PlatformDirectories.config().resolve("audit.jsonl");
    }

    /// The settings directory (`contexts.json`, `triage-thresholds.json`, the audit log).
    public static Path settings() {
        return PlatformDirectories.config();
    }
}
