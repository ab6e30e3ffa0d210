package dev.gpufleet.core.history;

/// A moment or span asked of the history that no tier keeps any more (or not yet): distinct
/// from "nothing was reported then", which reads `NaN`.
public final class NotRetainedException extends IllegalArgumentException {

    public NotRetainedException(String message) {
        super(message);
    }
}
