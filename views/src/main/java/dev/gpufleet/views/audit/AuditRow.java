package dev.gpufleet.views.audit;

import dev.gpufleet.core.audit.AuditEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/// One line of the audit viewer, as text.
///
/// @param result  for an outcome its result (`ok`, `failed`, …); for an intent `intent`, or
///                `no outcome` when none followed (the action was cut off)
public record AuditRow(Instant instant, String time, String context, String user, String action, String target,
        String result, String message) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static AuditRow of(AuditEntry entry, boolean outcomeFollowed) {
        String result = entry.phase() == AuditEntry.Phase.outcome
                ? (entry.result() == null ? "outcome" : entry.result())
                : (outcomeFollowed ? "intent" : "no outcome");
        String message = entry.message() != null ? entry.message() : details(entry);
        return new AuditRow(entry.time(), TIME.format(entry.time()), entry.context(), entry.user(), entry.action(),
                entry.target(), result, message);
    }

    private static String details(AuditEntry entry) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(entry.details()).forEach((key, value) ->
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(value));
        return text.toString();
    }

    /// Whether every word of `filter` (lower case) occurs in one of the row's columns.
    boolean matches(String[] words) {
        String all = String.join("\u0000", time, context, user, action, target, result, message)
                .toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!all.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
