package dev.gpufleet.sim.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A parsed `labelSelector` query: comma-separated requirements, all of which must hold.
///
/// Supports `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists) and `!k`
/// (does not exist), as the API server does.
public final class LabelSelector {

    private static final Pattern SET_BASED =
            Pattern.compile("\\s*([A-Za-z0-9./_-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern EQUALITY = Pattern.compile("\\s*([A-Za-z0-9./_-]+)\\s*(==|!=|=)\\s*([A-Za-z0-9._-]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([A-Za-z0-9./_-]+)\\s*");
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /// Parses a selector; a blank one selects everything.
    ///
    /// @throws ApiException 400 for a requirement it cannot read
    public static LabelSelector parse(String selector) {
        if (selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitOutsideParens(selector)) {
            requirements.add(requirement(part));
        }
        return new LabelSelector(requirements);
    }

    private static Requirement requirement(String part) {
        Matcher m = SET_BASED.matcher(part);
        if (m.matches()) {
            Set<String> values = Set.of(java.util.Arrays.stream(m.group(3).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).distinct().toArray(String[]::new));
            return new Requirement(m.group(1), m.group(2).equals("in") ? Op.IN : Op.NOT_IN, values);
        }
        m = EQUALITY.matcher(part);
        if (m.matches()) {
            return new Requirement(m.group(1), m.group(2).equals("!=") ? Op.NOT_EQUALS : Op.EQUALS, Set.of(m.group(3)));
        }
        m = EXISTS.matcher(part);
        if (m.matches()) {
            return new Requirement(m.group(2), m.group(1).isEmpty() ? Op.EXISTS : Op.NOT_EXISTS, Set.of());
        }
        throw ApiException.badRequest("unable to parse requirement: \"" + part.trim() + "\"");
    }

    private static List<String> splitOutsideParens(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(selector.substring(from));
        return parts;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
