package dev.gpufleet.core.model;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One toleration of a pod, with Kubernetes' matching rules: an empty `key` with `EXISTS`
/// tolerates every taint; `EXISTS` ignores the value, `EQUAL` compares it (absent and empty are
/// the same); an empty `effect` tolerates every effect.
public record Toleration(@Nullable String key, Operator operator, @Nullable String value, @Nullable String effect) {

    /// `Exists` or `Equal` (the API's default when the operator is left out).
    public enum Operator {
        EQUAL,
        EXISTS;

        /// The API's spelling (`Exists`, `Equal`, or none for `Equal`).
        public static Operator of(@Nullable String operator) {
            if (operator == null || operator.isEmpty() || operator.equals("Equal")) {
                return EQUAL;
            }
            if (operator.equals("Exists")) {
                return EXISTS;
            }
            throw new IllegalArgumentException("Unknown toleration operator '" + operator
                    + "': Kubernetes knows Exists and Equal");
        }
    }

    public Toleration {
        Objects.requireNonNull(operator, "operator");
    }

    /// A toleration as the API spells it; an unknown operator is an [IllegalArgumentException].
    public static Toleration of(@Nullable String key, @Nullable String operator, @Nullable String value,
            @Nullable String effect) {
        return new Toleration(key, Operator.of(operator), value, effect);
    }

    public boolean tolerates(Taint taint) {
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (key == null || key.isEmpty()) {
            return operator == Operator.EXISTS;
        }
        if (!key.equals(taint.key())) {
            return false;
        }
        return operator == Operator.EXISTS || orEmpty(value).equals(orEmpty(taint.value()));
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        String k = key == null || key.isEmpty() ? "*" : key;
        String v = operator == Operator.EXISTS ? "" : "=" + orEmpty(value);
        return k + v + ":" + (effect == null || effect.isEmpty() ? "*" : effect) + " ("
                + operator.name().toLowerCase(Locale.ROOT) + ")";
    }
}
