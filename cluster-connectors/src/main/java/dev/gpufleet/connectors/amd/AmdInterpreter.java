package dev.gpufleet.connectors.amd;

import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.Labels;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.telemetry.GpuSample;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Groups the samples of a ROCm device-metrics-exporter text by physical GPU and maps them onto
/// the core metric columns ([AmdSeries]).
///
/// A card is keyed by `serial_number`, which all its partitions share; else by `gpu_uuid`;
/// else by `hostname` + `gpu_id` (consumer parts print an empty serial). Labels are looked up
/// lowercase and UPPERCASE, as early exporters printed them; empty labels count as absent.
public final class AmdInterpreter {

    private AmdInterpreter() {
    }

    /// The AMD GPUs of `exposition`; series of any other exporter are ignored.
    public static AmdReading interpret(Exposition exposition) {
        Map<String, AmdDevice> devices = new LinkedHashMap<>();
        int series = 0;
        int unattributed = 0;
        for (Sample sample : exposition.samples()) {
            AmdSeries mapping = AmdSeries.of(sample);
            if (mapping == null) {
                continue;
            }
            series++;
            String key = deviceKey(sample.labels());
            if (key == null) {
                unattributed++;
                continue;
            }
            devices.computeIfAbsent(key, k -> new AmdDevice()).add(sample, mapping);
        }
        List<AmdDevice> cards = new ArrayList<>(devices.values());
        List<GpuSample> gpus = samplesOf(cards);
        Map<Integer, String> hostnames = new HashMap<>();
        for (int i = 0; i < cards.size(); i++) {
            String hostname = cards.get(i).hostname();
            if (hostname != null) {
                hostnames.put(gpus.get(i).index(), hostname);
            }
        }
        gpus.sort(Comparator.comparingInt(GpuSample::index));
        return new AmdReading(gpus, series, unattributed, hostnames);
    }

    /// Every AMD series name the mapping reads, sorted, for queries that must name them.
    public static List<String> seriesNames() {
        return List.copyOf(AmdSeries.names());
    }

    private static @Nullable String deviceKey(Labels labels) {
        String serial = AmdLabels.get(labels, AmdLabels.SERIAL_NUMBER);
        if (serial != null) {
            return "serial:" + serial;
        }
        String uuid = AmdLabels.get(labels, AmdLabels.GPU_UUID);
        if (uuid != null) {
            return "uuid:" + uuid;
        }
        String gpuId = AmdLabels.get(labels, AmdLabels.GPU_ID);
        return gpuId == null ? null : "id:" + AmdLabels.get(labels, AmdLabels.HOSTNAME) + "/" + gpuId;
    }

    /// Numbers the cards. A card's index is its `gpu_id`, except where a card is partitioned:
    /// there `gpu_id` counts partitions (0..63 on a CPX node of 8 cards), so cards are numbered
    /// 0..n-1 in the order of their lowest `gpu_id`. Cards without any id take free indexes.
    private static List<GpuSample> samplesOf(List<AmdDevice> devices) {
        devices.sort(Comparator.comparingInt(d -> d.lowestGpuId() < 0 ? Integer.MAX_VALUE : d.lowestGpuId()));
        boolean renumber = devices.stream().anyMatch(AmdDevice::partitioned);
        BitSet used = new BitSet();
        int[] indexes = new int[devices.size()];
        for (int i = 0; i < devices.size(); i++) {
            int id = devices.get(i).lowestGpuId();
            indexes[i] = renumber ? i : id >= 0 && !used.get(id) ? id : -1;
            if (indexes[i] >= 0) {
                used.set(indexes[i]);
            }
        }
        List<GpuSample> samples = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            int index = indexes[i];
            if (index < 0) {
                index = used.nextClearBit(0);
                used.set(index);
            }
            samples.add(devices.get(i).toGpuSample(index));
        }
        return samples;
    }
}
