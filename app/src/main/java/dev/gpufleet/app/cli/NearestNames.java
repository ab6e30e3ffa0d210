package dev.gpufleet.app.cli;

import java.util.Comparator;
import java.util.List;

/// The names closest to a mistyped one, by edit distance, for "did you mean" messages.
final class NearestNames {

    private NearestNames() {
    }

    /// Up to `limit` of `names`, closest to `wanted` first (ties by name).
    static List<String> of(String wanted, List<String> names, int limit) {
        return names.stream()
                .sorted(Comparator.comparingInt((String name) -> distance(wanted, name)).thenComparing(name -> name))
                .limit(limit).toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
