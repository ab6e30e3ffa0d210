package dev.gpufleet.connectors.prometheus;

import java.util.List;

/// What a query answered, plus the server's `warnings` and `infos` (Thanos and Mimir report a
/// partial answer, e.g. a store that did not respond, as a warning).
public record QueryResult<T>(T data, List<String> warnings) {

    public QueryResult {
        warnings = List.copyOf(warnings);
    }

    public boolean partial() {
        return !warnings.isEmpty();
    }
}
