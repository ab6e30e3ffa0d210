package dev.gpufleet.core.history;

import java.nio.file.Path;

/// A segment file that [HistoryArchive#load] skipped, and why, in words for the person who
/// owns the file. The file itself is left where it is.
public record ArchiveProblem(Path file, String message) {

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
