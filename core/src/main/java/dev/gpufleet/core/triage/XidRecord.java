package dev.gpufleet.core.triage;

import java.time.Instant;

/// How one XID code showed on one GPU: when gpufleet first and last saw it, and how many
/// separate occurrences it counted (see [XidTracker] for the counting rule).
public record XidRecord(int code, Instant firstSeen, Instant lastSeen, int count) {
}
