package dev.gpufleet.connectors.exposition;

/// A line that could not be read: its 1-based number and a sentence for people saying what
/// is wrong with it (and that it was skipped).
public record ParseError(int line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
