package dev.gpufleet.connectors.exposition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Everything one exposition text said: its samples in text order, the HELP/TYPE of its
/// families, and the lines it could not read.
///
/// `errors` keeps the first few hundred problems; `errorCount` counts them all.
/// `duplicateSeries` counts samples that repeated an earlier series (the later value won).
public record Exposition(
        List<Sample> samples,
        Map<String, MetricFamily> families,
        List<ParseError> errors,
        int errorCount,
        int duplicateSeries,
        int lines) {

    public Exposition {
        samples = List.copyOf(samples);
        families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }
}
