package dev.gpufleet.views.device;

import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/// The engine history of one GPU: a ring for the whole device and one per MIG instance (or
/// AMD partition), each with the same rows and window.
final class EngineRings {

    /// The id [#of(int)] takes for the whole device.
    static final int DEVICE = -1;

    private final List<EngineRow> rows;
    private final int columns;
    private final Duration resolution;
    private final EngineHistory device;
    private final Map<Integer, EngineHistory> instances = new TreeMap<>();

    EngineRings(List<EngineRow> rows, int columns, Duration resolution) {
        this.rows = List.copyOf(rows);
        this.columns = columns;
        this.resolution = resolution;
        this.device = new EngineHistory(rows.size(), columns, resolution);
    }

    EngineHistory device() {
        return device;
    }

    /// The ring of instance `id`, or the device's for [#DEVICE] or an instance not seen.
    EngineHistory of(int id) {
        return id == DEVICE ? device : instances.getOrDefault(id, device);
    }

    boolean has(int id) {
        return id == DEVICE || instances.containsKey(id);
    }

    /// Records `gpu`'s readings at `sampled`: the device's (see [EngineRow#valueOf]) and each
    /// instance's own. Instances no longer on the card are dropped.
    void record(GpuSnapshot gpu, Instant sampled) {
        double[] values = new double[rows.size()];
        for (int row = 0; row < values.length; row++) {
            values[row] = rows.get(row).valueOf(gpu);
        }
        device.record(sampled, values);
        Set<Integer> present = new HashSet<>();
        for (MigSample instance : gpu.mig()) {
            present.add(instance.gpuInstanceId());
            double[] own = new double[rows.size()];
            for (int row = 0; row < own.length; row++) {
                own[row] = instance.values().get(rows.get(row).metric());
            }
            instances.computeIfAbsent(instance.gpuInstanceId(), id -> new EngineHistory(rows.size(), columns,
                    resolution)).record(sampled, own);
        }
        instances.keySet().retainAll(present);
    }
}
