package dev.gpufleet.core.history;

import java.util.List;

/// What [HistoryArchive#load] brought back for one cluster: how many segments and GPUs it
/// restored, and the segments it skipped (never a reason to stop the console).
public record ArchiveLoad(String cluster, int segments, int gpus, List<ArchiveProblem> problems) {

    public ArchiveLoad {
        problems = List.copyOf(problems);
    }

    static ArchiveLoad nothing(String cluster) {
        return new ArchiveLoad(cluster, 0, 0, List.of());
    }
}
