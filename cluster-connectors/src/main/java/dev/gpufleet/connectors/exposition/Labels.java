package dev.gpufleet.connectors.exposition;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The labels of one sample, in the order the text gave them.
///
/// Names and values sit in one flat array (name, value, name, value, …) so a sample costs one
/// small object here; the strings themselves are interned by the parser and shared across
/// samples. Lookups are linear, which beats hashing for the ten-odd labels a series has.
public final class Labels {

    private static final Labels EMPTY = new Labels(new String[0]);

    private final String[] pairs;
    /// Computed on first use: the parser shares one instance per label set across lines and
    /// scrapes, so these are worked out once per set rather than once per sample.
    private @Nullable Labels sorted;
    private int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
    }

    public static Labels empty() {
        return EMPTY;
    }

    /// Labels from alternating names and values: `of("gpu", "0", "UUID", "GPU-…")`.
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need a value for every name");
        }
        return namesAndValues.length == 0 ? EMPTY : new Labels(namesAndValues.clone());
    }

    /// Takes ownership of the flat array (the parser builds it fresh for each sample).
    static Labels wrap(String[] pairs) {
        return pairs.length == 0 ? EMPTY : new Labels(pairs);
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int index) {
        return pairs[2 * index];
    }

    public String value(int index) {
        return pairs[2 * index + 1];
    }

    /// The value of label `name`, or `null` when the sample has no such label.
    public @Nullable String get(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            // Names are interned by the parser, so identity usually answers before equals.
            String candidate = pairs[i];
            if (candidate == name || candidate.equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    /// The value of label `name` unless it is missing or empty (exporters print `pod=""`).
    public @Nullable String nonEmpty(String name) {
        String value = get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /// The same labels ordered by name, so `{a,b}` and `{b,a}` name the same series.
    Labels sortedByName() {
        Labels known = sorted;
        if (known == null) {
            known = sortByName();
            sorted = known;
        }
        return known;
    }

    private Labels sortByName() {
        int count = size();
        boolean sorted = true;
        for (int i = 1; i < count && sorted; i++) {
            sorted = name(i - 1).compareTo(name(i)) <= 0;
        }
        if (sorted) {
            return this;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> name(a).compareTo(name(b)));
        String[] copy = new String[pairs.length];
        for (int i = 0; i < count; i++) {
            copy[2 * i] = name(order[i]);
            copy[2 * i + 1] = value(order[i]);
        }
        return new Labels(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels that && Arrays.equals(pairs, that.pairs);
    }

    @Override
    public int hashCode() {
        int known = hash;
        if (known == 0) {
            known = Arrays.hashCode(pairs);
            hash = known;
        }
        return known;
    }

    /// The label set as the exposition format writes it, e.g. `{gpu="0",UUID="GPU-1"}`.
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        ExpositionWriter.appendLabels(text, this);
        return text.toString();
    }
}
