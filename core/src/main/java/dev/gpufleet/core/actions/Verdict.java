package dev.gpufleet.core.actions;

import java.util.Objects;

/// Whether an operation may be offered, and if not, why, in words for the disabled menu item.
public record Verdict(boolean allowed, String reason) {

    public Verdict {
        Objects.requireNonNull(reason, "reason");
    }

    public static Verdict allow() {
        return new Verdict(true, "");
    }

    public static Verdict deny(String reason) {
        return new Verdict(false, reason);
    }
}
