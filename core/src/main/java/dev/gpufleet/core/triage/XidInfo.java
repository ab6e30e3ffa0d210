package dev.gpufleet.core.triage;

/// What one XID code means and what to do about it.
///
/// @param code     the XID number the driver logs
/// @param name     a short title, e.g. `GPU has fallen off the bus`
/// @param meaning  a sentence or two for people: what happened and whose fault it usually is
/// @param severity how bad a GPU currently showing this XID is
/// @param action   what to do about it
public record XidInfo(int code, String name, String meaning, Verdict severity, Action action) {
}
