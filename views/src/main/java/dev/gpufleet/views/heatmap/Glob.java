package dev.gpufleet.views.heatmap;

/// Node-name patterns: `*` for any run of characters, `?` for one; a pattern without either
/// matches names that contain it. Plain character comparison, no regex, so 12,500 node names
/// are checked in well under a millisecond.
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String name) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return name.contains(pattern);
        }
        return matchesFrom(pattern, 0, name, 0);
    }

    /// Iterative wildcard matching with back-tracking to the last `*` only (linear in practice).
    private static boolean matchesFrom(String pattern, int p0, String name, int n0) {
        int p = p0;
        int n = n0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
