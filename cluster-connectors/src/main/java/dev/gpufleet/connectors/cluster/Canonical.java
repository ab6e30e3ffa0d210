package dev.gpufleet.connectors.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/// One shared instance per distinct value, for the values that 100,000 pods and 12,500 nodes
/// repeat: namespaces, node names, phases, owners, label keys and values, GPU request maps.
/// JSON parsing makes a new string for every occurrence; keeping each of them would cost
/// more than the records that hold them.
///
/// Strings go to the JVM's string table (entries that nothing uses any more are collected).
/// Other values go to a bounded table: once it is full, new values are kept unshared, so a
/// stream of distinct values cannot grow it without bound.
///
/// @param <T> an immutable value type with value equality
final class Canonical<T> {

    private final ConcurrentHashMap<T, T> shared = new ConcurrentHashMap<>();
    private final int limit;

    Canonical(int limit) {
        this.limit = limit;
    }

    /// The shared instance equal to `value`, which becomes the shared one when none is yet.
    T of(T value) {
        T known = shared.get(value);
        if (known != null) {
            return known;
        }
        if (shared.size() >= limit) {
            return value;
        }
        known = shared.putIfAbsent(value, value);
        return known != null ? known : value;
    }

    int size() {
        return shared.size();
    }

    /// The JVM's one instance of `text`.
    static String text(String text) {
        return text.intern();
    }

    static @Nullable String nullableText(@Nullable String text) {
        return text == null ? null : text.intern();
    }

    /// A copy of `map` whose keys and values are shared strings.
    static Map<String, String> texts(@Nullable Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(map.size() * 2);
        map.forEach((key, value) -> copy.put(key.intern(), value == null ? "" : value.intern()));
        return Map.copyOf(copy);
    }
}
