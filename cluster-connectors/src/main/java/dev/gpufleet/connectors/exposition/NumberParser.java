package dev.gpufleet.connectors.exposition;

import java.nio.charset.StandardCharsets;

/// Reads sample values and timestamps straight from bytes.
///
/// Values follow Go's `ParseFloat` as Prometheus uses it: decimal floats with optional sign
/// and exponent, `NaN`, `Inf`/`+Inf`/`-Inf` (any case). Hexadecimal floats and Java's own
/// suffixes (`1d`, `1f`) are rejected. Short decimals take an exact fast path; the rest goes
/// through `Double.parseDouble`, which rounds correctly.
final class NumberParser {

    /// Returned by [#parseTimestamp] for text that is not an integer.
    static final long NOT_A_TIMESTAMP = Long.MIN_VALUE;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private NumberParser() {
    }

    /// The value in `bytes[start, end)`, which [#isValue] must have accepted.
    static double parseValue(byte[] bytes, int start, int end) {
        double special = special(bytes, start, end);
        if (!Double.isNaN(special) || isNaNWord(bytes, start, end)) {
            return special;
        }
        double fast = fastDecimal(bytes, start, end);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        return Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
    }

    /// Whether `bytes[start, end)` is a value the format allows.
    static boolean isValue(byte[] bytes, int start, int end) {
        if (start >= end) {
            return false;
        }
        if (isNaNWord(bytes, start, end) || !Double.isNaN(special(bytes, start, end))) {
            return true;
        }
        return isDecimal(bytes, start, end);
    }

    /// An integer timestamp in milliseconds, or [#NOT_A_TIMESTAMP].
    static long parseTimestamp(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        if (i >= end || end - i > 18) {
            return NOT_A_TIMESTAMP;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_TIMESTAMP;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static boolean isNaNWord(byte[] bytes, int start, int end) {
        return end - start == 3 && lower(bytes[start]) == 'n' && lower(bytes[start + 1]) == 'a'
                && lower(bytes[start + 2]) == 'n';
    }

    /// ±Inf as a double, else NaN (meaning "not one of the words").
    private static double special(byte[] bytes, int start, int end) {
        int i = start;
        double sign = 1;
        if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
            sign = bytes[i] == '-' ? -1 : 1;
            i++;
        }
        int length = end - i;
        if ((length == 3 && matchesLower(bytes, i, "inf")) || (length == 8 && matchesLower(bytes, i, "infinity"))) {
            return sign * Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    private static boolean matchesLower(byte[] bytes, int start, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (lower(bytes[start + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    private static boolean isDecimal(byte[] bytes, int start, int end) {
        int i = start;
        if (bytes[i] == '+' || bytes[i] == '-') {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(bytes[i])) {
            i++;
            digits++;
        }
        if (i < end && bytes[i] == '.') {
            i++;
            while (i < end && isDigit(bytes[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(bytes[i])) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    /// Exact for up to 15 significant digits and 22 decimal places (both operands of the
    /// one division are then exact doubles, so the quotient is correctly rounded); NaN when
    /// the text is outside that range and needs the slow path.
    private static double fastDecimal(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = false;
        if (bytes[i] == '+' || bytes[i] == '-') {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (isDigit(b)) {
                if (++digits > 15) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (b - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (b == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
        return negative ? -value : value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
