package dev.gpufleet.views.heatmap;

import java.util.ArrayList;
import java.util.List;

/// Splits search text into terms at spaces, except inside double quotes (which are dropped)
/// and parentheses (kept, so `-l zone in (a, b)` needs no quotes around the list).
final class FilterTokens {

    /// One term and the 1-based column in the text of each of its characters (quotes removed).
    record Token(String text, int[] columns) {

        /// Column of the first character.
        int column() {
            return columns.length == 0 ? 1 : columns[0];
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
