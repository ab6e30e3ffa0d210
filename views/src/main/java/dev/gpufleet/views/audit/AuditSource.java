package dev.gpufleet.views.audit;

import dev.gpufleet.core.audit.AuditEntry;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/// Where the audit viewer reads the log from: every entry, in any order, off the FX thread. A
/// log that cannot be read completes the future exceptionally with a message for people.
@FunctionalInterface
public interface AuditSource {

    CompletableFuture<List<AuditEntry>> entries();
}
