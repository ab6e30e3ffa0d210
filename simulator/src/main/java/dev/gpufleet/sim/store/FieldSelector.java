package dev.gpufleet.sim.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// A parsed `fieldSelector` query: comma-separated `field=value`, `field==value` or
/// `field!=value` terms, all of which must hold. Values may be empty and may escape `,`, `=`
/// and `\` with a backslash.
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /// One term: the field, the value, and whether it must equal (or differ from) it.
    public record Term(String field, String value, boolean equals) {
        boolean matches(@Nullable String actual) {
            return equals == value.equals(actual == null ? "" : actual);
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /// Parses a selector and checks each field is one `supported` lists.
    ///
    /// @throws ApiException 400 for a malformed term or an unsupported field
    public static FieldSelector parse(String selector, Set<String> supported) {
        if (selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(selector, ',')) {
            terms.add(term(part.trim(), supported));
        }
        return new FieldSelector(terms);
    }

    private static Term term(String part, Set<String> supported) {
        int i = indexOfOperator(part);
        if (i < 0) {
            throw ApiException.badRequest("invalid selector: '" + part + "'; can't understand '" + part + "'");
        }
        boolean notEquals = part.charAt(i) == '!';
        int valueStart = notEquals || part.startsWith("==", i) ? i + 2 : i + 1;
        String field = part.substring(0, i).trim();
        if (!supported.contains(field)) {
            throw ApiException.badRequest("field label not supported: " + field);
        }
        return new Term(field, unescape(part.substring(valueStart).trim()), !notEquals);
    }

    private static int indexOfOperator(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || (c == '!' && part.startsWith("!=", i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitUnescaped(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '\\' && i + 1 < value.length() ? value.charAt(++i) : c);
        }
        return out.toString();
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    /// The value a term requires `field` to equal, or null; lets a store use an index.
    public @Nullable String requiredValue(String field) {
        for (Term t : terms) {
            if (t.equals() && t.field().equals(field)) {
                return t.value();
            }
        }
        return null;
    }
}
