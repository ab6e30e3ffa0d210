package dev.gpufleet.views.device;

import java.util.List;

/// What the slice panel of the device view draws for one GPU.
///
/// @param title         `node · GPU n · model`
/// @param summary       the geometry in words, e.g. `H100-80GB · 7 compute × 8 memory slices`
/// @param notice        what the person should know about the drawing (positions inferred,
///                      geometry unknown, no telemetry); empty when nothing
/// @param kind          MIG, AMD partitions, or a whole GPU
/// @param computeSlices columns of the compute row
/// @param memorySlices  columns of the memory row (0: one shared pool)
/// @param blocks        the instances, partitions, or the one whole-GPU block
public record DevicePicture(String title, String summary, String notice, Kind kind, int computeSlices,
                            int memorySlices, List<DeviceBlock> blocks) {

    public DevicePicture {
        blocks = List.copyOf(blocks);
    }

    /// How the device is split.
    public enum Kind {
        /// Nothing to draw: no GPU opened, or it left the fleet.
        NONE,
        /// One undivided GPU.
        WHOLE,
        /// NVIDIA MIG instances on their slices.
        MIG,
        /// MIG instances of a card or profile without a known geometry, side by side.
        MIG_UNKNOWN_GEOMETRY,
        /// AMD compute partitions over their XCDs.
        AMD_PARTITIONS
    }

    public static DevicePicture none(String title, String notice) {
        return new DevicePicture(title, "", notice, Kind.NONE, 0, 0, List.of());
    }

    /// Columns the slice panel needs: the wider of its two rows.
    public int columns() {
        return Math.max(1, Math.max(computeSlices, memorySlices));
    }
}
