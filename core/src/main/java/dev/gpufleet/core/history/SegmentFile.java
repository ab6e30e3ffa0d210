package dev.gpufleet.core.history;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A file in a cluster's archive directory named like a segment: `seg-<epoch second>.gfh`.
/// Nothing else there is ever read or deleted.
record SegmentFile(Path path, long hourStartSecond) {

    private static final Pattern NAME = Pattern.compile("seg-(-?\\d{1,18})\\.gfh");

    static String nameOf(long hourStartSecond) {
        return "seg-" + hourStartSecond + ".gfh";
    }

    static Optional<SegmentFile> parse(Path path) {
        Matcher matcher = NAME.matcher(path.getFileName().toString());
        return matcher.matches()
                ? Optional.of(new SegmentFile(path, Long.parseLong(matcher.group(1))))
                : Optional.empty();
    }
}
