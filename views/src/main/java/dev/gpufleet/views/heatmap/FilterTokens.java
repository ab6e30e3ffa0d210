package dev.gpufleet.views.heatmap;

import java.util.ArrayList;
import java.util.List;

/// Splits search text into terms at spaces, except inside double quotes (which are dropped)
/// and parentheses (kept, so a value list `(a, b)` stays one term); [#selectorFrom] then
/// joins `key in (a, b)` back into one selector, so `-l zone in (a, b)` needs no quotes.
final class FilterTokens {

    /// One term and the 1-based column in the text of each of its characters (quotes removed).
    record Token(String text, int[] columns) {

        /// Column of the first character.
        int column() {
            return columns.length == 0 ? 1 : columns[0];
        }

        /// This token, a space and `next`, as one token (columns kept).
        Token join(Token next) {
            int[] joined = new int[columns.length + 1 + next.columns.length];
            System.arraycopy(columns, 0, joined, 0, columns.length);
            joined[columns.length] = columnOf(columns.length);
            System.arraycopy(next.columns, 0, joined, columns.length + 1, next.columns.length);
            return new Token(text + " " + next.text, joined);
        }

        /// Column of character `index`; one past the last for `index == text.length()`.
        int columnOf(int index) {
            if (columns.length == 0) {
                return 1;
            }
            return index < columns.length ? columns[index] : columns[columns.length - 1] + 1;
        }
    }

    private FilterTokens() {
    }

    /// The selector that starts with `tokens[start]`, joined with any `in (…)` / `notin (…)`
    /// that follow; returns it and leaves in `end[0]` the index of its last token.
    static Token selectorFrom(List<Token> tokens, int start, int[] end) {
        Token selector = tokens.get(start);
        int i = start;
        while (i + 2 < tokens.size() && (tokens.get(i + 1).text().equals("in") || tokens.get(i + 1).text().equals("notin"))
                && tokens.get(i + 2).text().startsWith("(")) {
            selector = selector.join(tokens.get(i + 1)).join(tokens.get(i + 2));
            i += 2;
        }
        end[0] = i;
        return selector;
    }

    static List<Token> split(String text) throws HeatmapFilter.ParseException {
        List<Token> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int[] columns = new int[text.length()];
        int start = -1;
        int depth = 0;
        int quoteAt = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoteAt = quoteAt < 0 ? i : -1;
                start = start < 0 ? i : start;
                continue;
            }
            if (quoteAt < 0 && depth == 0 && Character.isWhitespace(c)) {
                if (start >= 0) {
                    tokens.add(new Token(current.toString(), java.util.Arrays.copyOf(columns, current.length())));
                    current.setLength(0);
                    start = -1;
                }
                continue;
            }
            if (quoteAt < 0 && c == '(') {
                depth++;
            } else if (quoteAt < 0 && c == ')') {
                if (depth == 0) {
                    throw new HeatmapFilter.ParseException("')' without a matching '('", i + 1);
                }
                depth--;
            }
            start = start < 0 ? i : start;
            columns[current.length()] = i + 1;
            current.append(c);
        }
        if (quoteAt >= 0) {
            throw new HeatmapFilter.ParseException("the quote opened here is never closed", quoteAt + 1);
        }
        if (depth > 0) {
            throw new HeatmapFilter.ParseException("'(' is never closed", text.lastIndexOf('(') + 1);
        }
        if (start >= 0) {
            tokens.add(new Token(current.toString(), java.util.Arrays.copyOf(columns, current.length())));
        }
        return tokens;
    }
}
