package dev.gpufleet.connectors.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/// Reads one sample line: `name[{label="value",…}] value [timestamp]`.
///
/// Works on a byte range and reports failure by returning a message rather than throwing,
/// because fuzzed or garbage input fails on most lines and exceptions would dominate the
/// cost. The parsed parts are left in fields for the caller to pick up. One per parse.
///
/// A series (`name{labels}`) whose exact bytes were seen before is taken from the
/// [SeriesCache] instead of being read again; that is what makes repeated scrapes cheap.
final class SampleLineParser {

    private static final int SNIPPET_CHARS = 60;

    private final ByteInterner interner;
    private final SeriesCache cache;
    private byte[] scratch = new byte[256];
    private String[] pairs = new String[32];

    private byte[] bytes = new byte[0];
    private int lineStart;
    private int pos;
    private int end;

    String name = "";
    Labels labels = Labels.empty();
    double value;
    long timestamp;
    /// The id [SeriesCache] gave this line's series; equal ids are the same series.
    int seriesId;

    SampleLineParser(ByteInterner interner, SeriesCache cache) {
        this.interner = interner;
        this.cache = cache;
    }

    /// Parses `bytes[start, lineEnd)`; returns `null` on success, else what is wrong.
    @Nullable String parse(byte[] text, int start, int lineEnd) {
        bytes = text;
        lineStart = start;
        pos = start;
        end = lineEnd;
        if (!isNameStart(bytes[pos])) {
            return "\"" + snippet(start) + "\" is not a metric line (a sample starts with a metric name); skipped";
        }
        while (pos < end && isNameChar(bytes[pos])) {
            pos++;
        }
        int nameEnd = pos;
        if (pos < end && bytes[pos] != '{' && !isBlank(bytes[pos])) {
            return "\"" + snippet(start) + "\" is not a metric line (metric names use only letters, digits, _ and :); skipped";
        }
        skipBlanks();
        int seriesEnd = nameEnd;
        if (pos < end && bytes[pos] == '{') {
            int close = closingBrace(pos + 1);
            if (close < 0) {
                return parseUncached(start, nameEnd);
            }
            seriesEnd = close + 1;
        }
        int hash = ByteTable.hash(bytes, start, seriesEnd);
        SeriesCache.Series known = cache.find(bytes, start, seriesEnd, hash);
        if (known != null) {
            name = known.name();
            labels = known.labels();
            seriesId = known.id();
            pos = Math.max(pos, seriesEnd);
            return parseValueAndTimestamp();
        }
        return parseAndRemember(start, nameEnd, seriesEnd, hash);
    }

    /// The first `}` outside quotes from `from`, or -1: where a label block that parses
    /// cleanly ends (quoting and escapes are skipped exactly as [#readQuoted] does).
    private int closingBrace(int from) {
        for (int i = from; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                i++;
                while (i < end && bytes[i] != '"') {
                    i += bytes[i] == '\\' ? 2 : 1;
                }
            } else if (b == '}') {
                return i;
            }
        }
        return -1;
    }

    /// A series not seen before: read it in full and, if it reads cleanly, remember it.
    private @Nullable String parseAndRemember(int start, int nameEnd, int seriesEnd, int hash) {
        name = interner.intern(bytes, start, nameEnd - start);
        labels = Labels.empty();
        if (seriesEnd > nameEnd) {
            int open = pos;
            Labels known = cache.labels(bytes, open, seriesEnd);
            if (known != null) {
                labels = known;
                pos = seriesEnd;
            } else {
                pos++;
                String problem = parseLabels();
                if (problem != null) {
                    return problem;
                }
                if (pos != seriesEnd) {
                    // Not the block the scan found; read on correctly without remembering it.
                    seriesId = cache.idOf(name, labels);
                    return parseValueAndTimestamp();
                }
                cache.rememberLabels(bytes, open, seriesEnd, labels);
            }
        }
        seriesId = cache.remember(bytes, start, seriesEnd, hash, name, labels).id();
        return parseValueAndTimestamp();
    }

    /// A line whose label block has no closing brace: read as written, which reports it.
    private @Nullable String parseUncached(int start, int nameEnd) {
        name = interner.intern(bytes, start, nameEnd - start);
        labels = Labels.empty();
        pos++;
        String problem = parseLabels();
        if (problem != null) {
            return problem;
        }
        seriesId = cache.idOf(name, labels);
        return parseValueAndTimestamp();
    }

    private @Nullable String parseLabels() {
        int count = 0;
        while (true) {
            skipBlanks();
            if (pos >= end) {
                return "the labels of " + name + " are not closed (missing }); skipped";
            }
            if (bytes[pos] == '}') {
                pos++;
                break;
            }
            String problem = parseLabel(count);
            if (problem != null) {
                return problem;
            }
            count++;
            skipBlanks();
            if (pos < end && bytes[pos] == ',') {
                pos++;
            } else if (pos >= end || bytes[pos] != '}') {
                return "expected , or } after label " + pairs[2 * count - 2] + " of " + name + " at \""
                        + snippet(pos) + "\"; skipped";
            }
        }
        labels = Labels.wrap(Arrays.copyOf(pairs, 2 * count));
        return null;
    }

    /// Reads `name="value"` into slot `index`.
    private @Nullable String parseLabel(int index) {
        int labelStart = pos;
        if (!isLabelStart(bytes[pos])) {
            return "expected a label name in the labels of " + name + " at \"" + snippet(pos) + "\"; skipped";
        }
        while (pos < end && isLabelChar(bytes[pos])) {
            pos++;
        }
        String labelName = interner.intern(bytes, labelStart, pos - labelStart);
        skipBlanks();
        if (pos >= end || bytes[pos] != '=') {
            return "label " + labelName + " of " + name + " has no value (expected =\"…\"); skipped";
        }
        pos++;
        skipBlanks();
        if (pos >= end || bytes[pos] != '"') {
            return "the value of label " + labelName + " of " + name + " is not in double quotes; skipped";
        }
        pos++;
        String labelValue = readQuoted();
        if (labelValue == null) {
            return "the value of label " + labelName + " of " + name + " is not closed (missing \"); skipped";
        }
        if (indexOf(labelName, index) >= 0) {
            return "label " + labelName + " appears twice in " + name + "; skipped";
        }
        add(index, labelName, labelValue);
        return null;
    }

    /// Reads up to the closing quote, undoing `\\`, `\"` and `\n`; `null` if the line ends
    /// first. Other escapes are kept as written, as Prometheus's own parser does for HELP.
    private @Nullable String readQuoted() {
        int start = pos;
        boolean escaped = false;
        while (pos < end) {
            byte b = bytes[pos];
            if (b == '"') {
                String text = escaped ? unescape(start, pos) : interner.intern(bytes, start, pos - start);
                pos++;
                return text;
            }
            if (b == '\\') {
                escaped = true;
                pos++;
            }
            pos++;
        }
        return null;
    }

    private String unescape(int start, int stop) {
        if (scratch.length < stop - start) {
            scratch = new byte[Math.max(stop - start, 2 * scratch.length)];
        }
        int length = 0;
        for (int i = start; i < stop; i++) {
            byte b = bytes[i];
            if (b == '\\' && i + 1 < stop) {
                byte next = bytes[++i];
                switch (next) {
                    case 'n' -> scratch[length++] = '\n';
                    case '\\', '"' -> scratch[length++] = next;
                    default -> {
                        scratch[length++] = '\\';
                        scratch[length++] = next;
                    }
                }
            } else {
                scratch[length++] = b;
            }
        }
        return interner.intern(scratch, 0, length);
    }

    private @Nullable String parseValueAndTimestamp() {
        skipBlanks();
        if (pos >= end) {
            return name + " has no value; skipped";
        }
        int valueStart = pos;
        while (pos < end && !isBlank(bytes[pos])) {
            pos++;
        }
        int valueEnd = pos;
        skipBlanks();
        int stampStart = pos;
        while (pos < end && !isBlank(bytes[pos])) {
            pos++;
        }
        int stampEnd = pos;
        skipBlanks();
        if (!NumberParser.isValue(bytes, valueStart, valueEnd)) {
            if (labels.isEmpty()) {
                // Without labels, this is as likely a stray line ("curl: (52) …") as a sample.
                return "\"" + snippet(lineStart) + "\" is not a metric line: \"" + snippet(valueStart)
                        + "\" after " + name + " is not a number; skipped";
            }
            return "the value of " + name + " is \"" + snippet(valueStart) + "\", which is not a number; skipped";
        }
        if (pos < end) {
            return "more than a value and a timestamp after " + name + " (\"" + snippet(valueStart) + "\"); skipped";
        }
        value = NumberParser.parseValue(bytes, valueStart, valueEnd);
        timestamp = Sample.NO_TIMESTAMP;
        if (stampStart < stampEnd) {
            timestamp = NumberParser.parseTimestamp(bytes, stampStart, stampEnd);
            if (timestamp == NumberParser.NOT_A_TIMESTAMP) {
                return "the timestamp of " + name + " is \"" + snippet(stampStart)
                        + "\", which is not a whole number of milliseconds; skipped";
            }
        }
        return null;
    }

    private void add(int index, String labelName, String labelValue) {
        if (pairs.length < 2 * index + 2) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * index] = labelName;
        pairs[2 * index + 1] = labelValue;
    }

    private int indexOf(String labelName, int count) {
        for (int i = 0; i < count; i++) {
            if (pairs[2 * i].equals(labelName)) {
                return i;
            }
        }
        return -1;
    }

    private void skipBlanks() {
        while (pos < end && isBlank(bytes[pos])) {
            pos++;
        }
    }

    /// Up to 60 characters of the line from `from`, printable, for messages.
    private String snippet(int from) {
        return snippet(bytes, from, end);
    }

    static String snippet(byte[] text, int from, int to) {
        int stop = Math.min(to, from + 4 * SNIPPET_CHARS);
        String raw = new String(text, from, Math.max(0, stop - from), StandardCharsets.UTF_8);
        int limit = Math.min(raw.length(), SNIPPET_CHARS);
        StringBuilder shown = new StringBuilder(limit + 1);
        for (int i = 0; i < limit; i++) {
            char c = raw.charAt(i);
            shown.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        if (raw.length() > limit || stop < to) {
            shown.append('…');
        }
        return shown.toString();
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    static boolean isNameStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == ':';
    }

    static boolean isNameChar(byte b) {
        return isNameStart(b) || (b >= '0' && b <= '9');
    }

    private static boolean isLabelStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }

    private static boolean isLabelChar(byte b) {
        return isLabelStart(b) || (b >= '0' && b <= '9');
    }
}
