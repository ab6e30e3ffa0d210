package dev.gpufleet.connectors.exposition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Parses Prometheus text exposition (format 0.0.4) as real exporters print it.
///
/// Accepts LF or CRLF, a missing final newline, blank lines, a UTF-8 byte-order mark,
/// blanks around tokens (`gpu="0", UUID="…"`), a trailing comma in label sets, `NaN` and
/// `±Inf`, and optional timestamps. `# HELP` and `# TYPE` are recorded per family; other
/// comments (`# NOTE …`, `# EOF`) are ignored. A line it cannot read — a value that is not a
/// number, a stray line from whatever captured the scrape, a line longer than the limit —
/// becomes a [ParseError] with its line number, and parsing carries on. A series that
/// appears twice keeps its last value and is counted in [Exposition#duplicateSeries()].
///
/// It never throws on input. An instance keeps its label interner between calls (so the
/// strings of one scrape are shared with the next) and is therefore not thread-safe; use one
/// per scraping thread, or [#parseText(byte[])] for a one-off.
public final class ExpositionParser {

    /// Longest line read; longer lines are reported and skipped (dcgm-exporter lines are
    /// well under 1 KiB, so this is garbage or a file that is not an exposition at all).
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /// Problems kept in [Exposition#errors()]; the rest are only counted.
    public static final int DEFAULT_MAX_ERRORS = 100;

    private static final int INTERNED_STRINGS = 64 * 1024;
    private static final int MAX_INTERNED_HELP_BYTES = 512;

    /// Text a parser's caches remember by default (label texts and series, between lines and scrapes).
    public static final long DEFAULT_CACHE_BYTES = 2 * SeriesCache.MAX_KEY_BYTES + ByteInterner.MAX_BYTES;

    private final int maxLineBytes;
    private final int maxErrors;
    private final ByteInterner interner;
    private final SeriesCache seriesCache;

    /// Series the parser remembers between parses now (for tests of its bound).
    int cachedSeries() {
        return seriesCache.size();
    }

    public ExpositionParser() {
        this(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_ERRORS);
    }

    public ExpositionParser(int maxLineBytes, int maxErrors) {
        this(maxLineBytes, maxErrors, DEFAULT_CACHE_BYTES);
    }

    /// A parser whose caches remember about `cacheBytes` of text: many parsers side by side
    /// (one per concurrent scrape of a big fleet) share a budget this way instead of each
    /// keeping [#DEFAULT_CACHE_BYTES]. Smaller caches only make parsing slower, never different.
    public ExpositionParser(int maxLineBytes, int maxErrors, long cacheBytes) {
        if (maxLineBytes < 1 || maxErrors < 0 || cacheBytes < 1) {
            throw new IllegalArgumentException(
                    "maxLineBytes and cacheBytes must be positive and maxErrors not negative");
        }
        this.maxLineBytes = maxLineBytes;
        this.maxErrors = maxErrors;
        double share = (double) cacheBytes / DEFAULT_CACHE_BYTES;
        this.interner = new ByteInterner((int) Math.max(1_024, INTERNED_STRINGS * Math.min(1, share)),
                (long) (ByteInterner.MAX_BYTES * share));
        this.seriesCache = new SeriesCache((long) (SeriesCache.MAX_KEY_BYTES * share));
    }

    /// A parser whose caches remember about `cacheBytes` of text (see the constructor).
    public static ExpositionParser withCacheBytes(long cacheBytes) {
        return new ExpositionParser(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_ERRORS, cacheBytes);
    }

    /// Parses `text` with a fresh parser.
    public static Exposition parseText(byte[] text) {
        return new ExpositionParser().parse(text);
    }

    public Exposition parse(byte[] text) {
        return parse(text, 0, text.length);
    }

    /// Parses the remaining bytes of `buffer` without moving its position.
    public Exposition parse(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return parse(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return parse(copy);
    }

    public Exposition parse(byte[] text, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > text.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + text.length + " bytes");
        }
        seriesCache.startParse();
        return new Run(text).read(offset, offset + length);
    }

    /// The state of one parse.
    private final class Run {
        private final byte[] text;
        private final SampleLineParser lineParser = new SampleLineParser(interner, seriesCache);
        private final List<Sample> samples = new ArrayList<>();
        /// Index in `samples` of each series id seen in this parse, -1 for none yet.
        private int[] sampleOfSeries = new int[0];
        private final Map<String, MetricFamily> families = new LinkedHashMap<>();
        private final List<ParseError> errors = new ArrayList<>();
        private int errorCount;
        private int duplicates;

        Run(byte[] text) {
            this.text = text;
            growSeriesIndex(seriesCache.seriesCount());
        }

        Exposition read(int from, int limit) {
            int pos = from;
            if (limit - pos >= 3 && text[pos] == (byte) 0xEF && text[pos + 1] == (byte) 0xBB && text[pos + 2] == (byte) 0xBF) {
                pos += 3;
            }
            int line = 0;
            while (pos < limit) {
                line++;
                int newline = indexOfNewline(pos, limit);
                int lineEnd = newline < 0 ? limit : newline;
                if (lineEnd - pos > maxLineBytes) {
                    error(line, "this line is " + (lineEnd - pos) + " bytes long, over the limit of " + maxLineBytes
                            + " bytes; skipped (is this an exposition text?)");
                } else {
                    readLine(pos, lineEnd, line);
                }
                pos = newline < 0 ? limit : newline + 1;
            }
            return new Exposition(samples, families, errors, errorCount, duplicates, line);
        }

        private int indexOfNewline(int from, int limit) {
            return indexOf((byte) '\n', from, limit);
        }

        private int indexOf(byte wanted, int from, int limit) {
            for (int i = from; i < limit; i++) {
                if (text[i] == wanted) {
                    return i;
                }
            }
            return -1;
        }

        private void readLine(int start, int lineEnd, int line) {
            int end = lineEnd;
            while (end > start && (text[end - 1] == '\r' || SampleLineParser.isBlank(text[end - 1]))) {
                end--;
            }
            while (start < end && SampleLineParser.isBlank(text[start])) {
                start++;
            }
            if (start == end) {
                return;
            }
            if (text[start] == '#') {
                readComment(start + 1, end, line);
                return;
            }
            String problem = lineParser.parse(text, start, end);
            if (problem != null) {
                error(line, problem);
                return;
            }
            add(new Sample(lineParser.name, lineParser.labels, lineParser.value, lineParser.timestamp, line),
                    lineParser.seriesId);
        }

        private void add(Sample sample, int seriesId) {
            if (seriesId >= sampleOfSeries.length) {
                growSeriesIndex(seriesId + 1);
            }
            int earlier = sampleOfSeries[seriesId];
            if (earlier < 0) {
                sampleOfSeries[seriesId] = samples.size();
                samples.add(sample);
            } else {
                samples.set(earlier, sample);
                duplicates++;
            }
        }

        private void growSeriesIndex(int atLeast) {
            int old = sampleOfSeries.length;
            sampleOfSeries = Arrays.copyOf(sampleOfSeries, Math.max(atLeast, Math.max(16, 2 * old)));
            Arrays.fill(sampleOfSeries, old, sampleOfSeries.length, -1);
        }

        /// `# HELP name text` and `# TYPE name type` are kept; any other comment is ignored.
        private void readComment(int start, int end, int line) {
            int pos = skipBlanks(start, end);
            if (pos == start || end - pos < 4) {
                return;
            }
            boolean help = startsWith(pos, end, "HELP");
            boolean type = startsWith(pos, end, "TYPE");
            if ((!help && !type) || (pos + 4 < end && !SampleLineParser.isBlank(text[pos + 4]))) {
                return;
            }
            String keyword = help ? "HELP" : "TYPE";
            int nameStart = skipBlanks(pos + 4, end);
            int nameEnd = nameStart;
            while (nameEnd < end && !SampleLineParser.isBlank(text[nameEnd])) {
                nameEnd++;
            }
            if (nameStart == nameEnd) {
                error(line, "# " + keyword + " names no metric; skipped");
                return;
            }
            if (!isMetricName(nameStart, nameEnd)) {
                error(line, "# " + keyword + " names \"" + SampleLineParser.snippet(text, nameStart, nameEnd)
                        + "\", which is not a metric name; skipped");
                return;
            }
            String name = interner.intern(text, nameStart, nameEnd - nameStart);
            int restStart = skipBlanks(nameEnd, end);
            if (help) {
                String helpText = unescapeHelp(restStart, end);
                MetricFamily family = families.get(name);
                // A repeated scrape repeats its HELP: keep the family object rather than remake it.
                if (family == null || !helpText.equals(family.help())) {
                    family = family == null ? new MetricFamily(name, null, MetricType.UNTYPED) : family;
                    families.put(name, family.withHelp(helpText));
                }
            } else {
                readType(name, restStart, end, line);
            }
        }

        private void readType(String name, int start, int end, int line) {
            // Interned: the same few words come once per family per scrape.
            String word = end - start <= MAX_INTERNED_HELP_BYTES ? interner.intern(text, start, end - start)
                    : new String(text, start, end - start, StandardCharsets.UTF_8);
            MetricType type = MetricType.parse(word);
            if (type == null) {
                error(line, "# TYPE of " + name + " is \"" + SampleLineParser.snippet(text, start, end)
                        + "\"; expected counter, gauge, histogram, summary or untyped; skipped");
                return;
            }
            MetricFamily family = families.get(name);
            if (family == null || family.type() != type) {
                family = family == null ? new MetricFamily(name, null, MetricType.UNTYPED) : family;
                families.put(name, family.withType(type));
            }
        }

        /// HELP text escapes only `\\` and `\n`.
        private String unescapeHelp(int start, int end) {
            // HELP text repeats every scrape, so the usual short unescaped one is interned
            // (not long ones: the interner counts entries, not bytes).
            if (end - start <= MAX_INTERNED_HELP_BYTES && indexOf((byte) '\\', start, end) < 0) {
                return interner.intern(text, start, end - start);
            }
            String raw = new String(text, start, end - start, StandardCharsets.UTF_8);
            StringBuilder help = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length() && (raw.charAt(i + 1) == 'n' || raw.charAt(i + 1) == '\\')) {
                    help.append(raw.charAt(++i) == 'n' ? '\n' : '\\');
                } else {
                    help.append(c);
                }
            }
            return help.toString();
        }

        private boolean isMetricName(int start, int end) {
            if (!SampleLineParser.isNameStart(text[start])) {
                return false;
            }
            for (int i = start + 1; i < end; i++) {
                if (!SampleLineParser.isNameChar(text[i])) {
                    return false;
                }
            }
            return true;
        }

        private boolean startsWith(int pos, int end, String word) {
            if (end - pos < word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (text[pos + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private int skipBlanks(int pos, int end) {
            while (pos < end && SampleLineParser.isBlank(text[pos])) {
                pos++;
            }
            return pos;
        }

        private void error(int line, String message) {
            errorCount++;
            if (errors.size() < maxErrors) {
                errors.add(new ParseError(line, message));
            }
        }
    }
}
