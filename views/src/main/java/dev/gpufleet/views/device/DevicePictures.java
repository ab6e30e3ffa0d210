package dev.gpufleet.views.device;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.mig.AmdPartitioning;
import dev.gpufleet.core.mig.MigGeometry;
import dev.gpufleet.core.mig.MigGeometryLookup;
import dev.gpufleet.core.mig.MigInstanceRef;
import dev.gpufleet.core.mig.MigPlacement;
import dev.gpufleet.core.mig.MigSlot;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.heatmap.ColorScale;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// Builds the [DevicePicture] of one GPU: its MIG instances placed by [MigGeometry], its AMD
/// partitions over their XCDs, or the whole card. Pure: the same GPU gives the same picture.
final class DevicePictures {

    static final String INFERRED = "Instance positions are inferred from GPU_I_ID and NVIDIA's placement rules: "
            + "the exporter does not report where an instance starts.";
    private static final ColorScale SCALE = HeatmapMetric.UTILIZATION.scale();

    private DevicePictures() {
    }

    static DevicePicture of(String node, GpuSnapshot gpu) {
        String model = gpu.model() == null ? "" : gpu.model();
        String title = node + " · GPU " + gpu.index() + (model.isEmpty() ? "" : " · " + model);
        String notice = gpu.hasTelemetry() ? "" : "No telemetry from this GPU yet: nothing to colour by.";
        if (AmdPartitioning.isAmdInstinct(model)) {
            return amd(title, model, gpu, notice);
        }
        MigGeometryLookup lookup = MigGeometry.forProduct(model, memoryMiB(gpu));
        if (gpu.mig().isEmpty()) {
            return whole(title, lookup, gpu, notice);
        }
        if (lookup instanceof MigGeometryLookup.Found(MigGeometry geometry)) {
            MigPlacement placement = geometry.place(refs(gpu.mig()));
            if (placement instanceof MigPlacement.Placed(List<MigSlot> slots)) {
                return mig(title, geometry, gpu.mig(), slots, join(notice, INFERRED));
            }
            return sideBySide(title, gpu.mig(), join(notice, "MIG layout not drawn to scale: "
                    + ((MigPlacement.Rejected) placement).message() + "."));
        }
        return sideBySide(title, gpu.mig(), join(notice, "MIG layout not drawn to scale: "
                + ((MigGeometryLookup.Unknown) lookup).reason() + "."));
    }

    /// The card's framebuffer: its total if reported, else used + free + reserved.
    static double memoryMiB(GpuSnapshot gpu) {
        double total = gpu.value(Metric.FB_TOTAL);
        if (!Double.isNaN(total)) {
            return total;
        }
        double used = gpu.value(Metric.FB_USED);
        double free = gpu.value(Metric.FB_FREE);
        double reserved = gpu.value(Metric.FB_RESERVED);
        return used + free + (Double.isNaN(reserved) ? 0 : reserved);
    }

    private static DevicePicture whole(String title, MigGeometryLookup lookup, GpuSnapshot gpu, String notice) {
        List<String> pods = names(gpu.pods());
        double util = gpu.utilizationPercent();
        if (lookup instanceof MigGeometryLookup.Found(MigGeometry geometry)) {
            DeviceBlock block = new DeviceBlock(-1, "Whole GPU (MIG off)", pods, util, SCALE.argb(util),
                    0, geometry.computeSlices(), 0, geometry.memorySlices());
            return new DevicePicture(title, summary(geometry), notice, DevicePicture.Kind.WHOLE,
                    geometry.computeSlices(), geometry.memorySlices(), List.of(block));
        }
        DeviceBlock block = new DeviceBlock(-1, "Whole GPU", pods, util, SCALE.argb(util), 0, 1, 0, 1);
        return new DevicePicture(title, "Not partitioned", notice, DevicePicture.Kind.WHOLE, 1, 1, List.of(block));
    }

    private static DevicePicture mig(String title, MigGeometry geometry, List<MigSample> instances,
                                     List<MigSlot> slots, String notice) {
        List<DeviceBlock> blocks = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            MigSlot slot = slots.get(i);
            MigSample instance = instances.get(i);
            double util = instanceUtilization(instance);
            blocks.add(new DeviceBlock(instance.gpuInstanceId(), instanceTitle(instance), names(instance.pods()), util, SCALE.argb(util),
                    slot.computeStart(), slot.computeSlices(), slot.memoryStart(), slot.memorySlices()));
        }
        return new DevicePicture(title, summary(geometry) + " · " + slots.size() + " MIG instances", notice,
                DevicePicture.Kind.MIG, geometry.computeSlices(), geometry.memorySlices(), blocks);
    }

    /// Instances whose geometry is unknown: one column each, in the exporter's order, so they
    /// are still seen and coloured — but nothing claims where they sit.
    private static DevicePicture sideBySide(String title, List<MigSample> instances, String notice) {
        List<DeviceBlock> blocks = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            MigSample instance = instances.get(i);
            double util = instanceUtilization(instance);
            blocks.add(new DeviceBlock(instance.gpuInstanceId(), instanceTitle(instance), names(instance.pods()), util, SCALE.argb(util),
                    i, 1, i, 1));
        }
        return new DevicePicture(title, instances.size() + " MIG instances · geometry unknown", notice,
                DevicePicture.Kind.MIG_UNKNOWN_GEOMETRY, instances.size(), instances.size(), blocks);
    }

    private static DevicePicture amd(String title, String model, GpuSnapshot gpu, String notice) {
        String mode = gpu.mig().isEmpty() ? "SPX" : gpu.mig().getFirst().profile();
        Optional<AmdPartitioning> partitioning = AmdPartitioning.of(model, mode);
        if (gpu.mig().isEmpty()) {
            int xcds = partitioning.map(AmdPartitioning::xcds).orElse(1);
            double util = gpu.utilizationPercent();
            DeviceBlock block = new DeviceBlock(-1, "Whole GPU (SPX)", names(gpu.pods()), util, SCALE.argb(util),
                    0, xcds, 0, 0);
            return new DevicePicture(title, amdSummary(partitioning, xcds), notice,
                    DevicePicture.Kind.AMD_PARTITIONS, xcds, 0, List.of(block));
        }
        List<MigSample> partitions = gpu.mig();
        boolean placeable = partitioning.isPresent() && partitions.stream()
                .allMatch(p -> partitioning.get().start(p.gpuInstanceId()) >= 0);
        int columns = placeable ? partitioning.get().xcds() : partitions.size();
        List<DeviceBlock> blocks = new ArrayList<>(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            MigSample partition = partitions.get(i);
            int start = placeable ? partitioning.get().start(partition.gpuInstanceId()) : i;
            int width = placeable ? partitioning.get().width() : 1;
            double util = instanceUtilization(partition);
            blocks.add(new DeviceBlock(partition.gpuInstanceId(), "Partition " + partition.gpuInstanceId() + " · " + partition.profile(),
                    names(partition.pods()), util, SCALE.argb(util), start, width, 0, 0));
        }
        String why = placeable ? "" : "XCD layout unknown for " + model + " in " + mode + ": partitions side by side.";
        return new DevicePicture(title, amdSummary(partitioning, columns) + " · " + partitions.size() + " partitions ("
                + mode + ")", join(notice, why), DevicePicture.Kind.AMD_PARTITIONS, columns, 0, blocks);
    }

    private static String amdSummary(Optional<AmdPartitioning> partitioning, int columns) {
        return partitioning.map(p -> p.product() + " · " + p.xcds() + " XCDs · memory shared")
                .orElse(columns + " compute partitions · memory shared");
    }

    private static String summary(MigGeometry geometry) {
        return geometry.product() + " · " + geometry.computeSlices() + " compute × " + geometry.memorySlices()
                + " memory slices";
    }

    /// An instance's own utilization in percent: graphics-engine activity (what DCGM reports
    /// per MIG instance), else its `GPU_UTIL` (AMD partitions).
    static double instanceUtilization(MigSample instance) {
        double active = instance.values().get(Metric.GR_ENGINE_ACTIVE);
        return Double.isNaN(active) ? instance.values().get(Metric.GPU_UTIL) : active * 100.0;
    }

    private static String instanceTitle(MigSample instance) {
        return "GI " + instance.gpuInstanceId() + " · " + instance.profile();
    }

    private static List<MigInstanceRef> refs(List<MigSample> instances) {
        return instances.stream().map(i -> new MigInstanceRef(i.gpuInstanceId(), i.profile())).toList();
    }

    private static List<String> names(List<PodRef> pods) {
        return pods.stream().map(PodRef::toString).distinct().toList();
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + " " + second;
    }
}
