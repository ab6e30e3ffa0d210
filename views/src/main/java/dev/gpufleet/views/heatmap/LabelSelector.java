package dev.gpufleet.views.heatmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/// A Kubernetes label selector in the syntax of `kubectl get -l`: requirements joined by commas,
/// all of which must hold.
///
/// | form | holds when |
/// |---|---|
/// | `key` | the label is present |
/// | `!key` | the label is absent |
/// | `key=value`, `key==value` | the label equals value |
/// | `key!=value` | the label is absent or differs |
/// | `key in (a,b)` | the label is one of the values |
/// | `key notin (a,b)` | the label is absent or none of the values |
/// | `key>n`, `key<n` | the label is an integer greater / less than n |
///
/// [#parse] reports the first mistake with its column, so the UI can say what and where.
public final class LabelSelector {

    /// A selector that every node matches.
    public static final LabelSelector ALL = new LabelSelector(List.of(), "");

    /// Label keys: an optional DNS prefix and `/`, then a name (as Kubernetes allows them).
    private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    enum Operator { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER, LESS }

    record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EXISTS -> value != null;
                case NOT_EXISTS -> value == null;
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case GREATER, LESS -> compares(value);
            };
        }

        private boolean compares(String value) {
            if (value == null) {
                return false;
            }
            try {
                long have = Long.parseLong(value);
                long limit = Long.parseLong(values.iterator().next());
                return operator == Operator.GREATER ? have > limit : have < limit;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
    }

    /// A selector that could not be read: `message` says what, `column` (1-based) where.
    public static final class ParseException extends Exception {

        private final int column;

        ParseException(String message, int column) {
            super(message);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    private final List<Requirement> requirements;
    private final String text;

    private LabelSelector(List<Requirement> requirements, String text) {
        this.requirements = List.copyOf(requirements);
        this.text = text;
    }

    /// Reads `text`; blank text selects everything.
    public static LabelSelector parse(String text) throws ParseException {
        Reader reader = new Reader(text);
        List<Requirement> requirements = new ArrayList<>();
        reader.skipSpaces();
        if (reader.atEnd()) {
            return ALL;
        }
        do {
            requirements.add(reader.requirement());
            reader.skipSpaces();
        } while (reader.accept(','));
        if (!reader.atEnd()) {
            throw reader.error("expected ',' between requirements, found '" + reader.peek() + "'");
        }
        return new LabelSelector(requirements, text.strip());
    }

    /// Whether a node with `labels` is selected.
    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    List<Requirement> requirements() {
        return requirements;
    }

    @Override
    public String toString() {
        return text;
    }

    /// A cursor over the text with the grammar's small steps.
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Requirement requirement() throws ParseException {
            skipSpaces();
            if (accept('!')) {
                skipSpaces();
                return new Requirement(key(), Operator.NOT_EXISTS, Set.of());
            }
            String key = key();
            skipSpaces();
            if (atEnd() || peek() == ',') {
                return new Requirement(key, Operator.EXISTS, Set.of());
            }
            if (accept('!')) {
                expect('=');
                return new Requirement(key, Operator.NOT_EQUALS, Set.of(value()));
            }
            if (accept('=')) {
                accept('=');
                return new Requirement(key, Operator.EQUALS, Set.of(value()));
            }
            if (accept('>') || accept('<')) {
                Operator operator = text.charAt(at - 1) == '>' ? Operator.GREATER : Operator.LESS;
                int column = at + 1;
                String limit = value();
                if (!limit.matches("-?[0-9]+")) {
                    throw new ParseException("'" + key + "' compares with a whole number, not '" + limit + "'", column);
                }
                return new Requirement(key, operator, Set.of(limit));
            }
            return setRequirement(key);
        }

        private Requirement setRequirement(String key) throws ParseException {
            int column = at + 1;
            String word = word();
            Operator operator = switch (word) {
                case "in" -> Operator.IN;
                case "notin" -> Operator.NOT_IN;
                default -> throw new ParseException("after '" + key + "' expected =, ==, !=, in, notin, > or <"
                        + (word.isEmpty() ? "" : ", found '" + word + "'"), column);
            };
            skipSpaces();
            expect('(');
            Set<String> values = new java.util.LinkedHashSet<>();
            do {
                values.add(value());
                skipSpaces();
            } while (accept(','));
            expect(')');
            return new Requirement(key, operator, Set.copyOf(values));
        }

        private String key() throws ParseException {
            int column = at + 1;
            String key = token();
            if (key.isEmpty()) {
                throw error(atEnd() ? "expected a label key at the end" : "expected a label key, found '" + peek() + "'");
            }
            if (!KEY.matcher(key).matches() || key.length() > 317) {
                throw new ParseException("'" + key + "' is not a valid label key", column);
            }
            return key;
        }

        private String value() throws ParseException {
            skipSpaces();
            int column = at + 1;
            String value = token();
            if (!VALUE.matcher(value).matches() || value.length() > 63) {
                throw new ParseException("'" + value + "' is not a valid label value", column);
            }
            return value;
        }

        private String token() {
            int start = at;
            while (!atEnd() && " \t,=!()<>".indexOf(peek()) < 0) {
                at++;
            }
            return text.substring(start, at);
        }

        private String word() {
            int start = at;
            while (!atEnd() && Character.isLetter(peek())) {
                at++;
            }
            return text.substring(start, at);
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                at++;
            }
        }

        boolean accept(char c) {
            if (!atEnd() && peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws ParseException {
            skipSpaces();
            if (!accept(c)) {
                throw error("expected '" + c + "'" + (atEnd() ? " at the end" : ", found '" + peek() + "'"));
            }
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        ParseException error(String message) {
            return new ParseException(message, at + 1);
        }
    }
}
