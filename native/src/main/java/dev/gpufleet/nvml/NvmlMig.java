package dev.gpufleet.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/// NVML's MIG queries: the mode, MIG device handles with their GPU and compute instance ids,
/// and GPU instances with their profiles and placements.
public final class NvmlMig {

    /// `NVML_GPU_INSTANCE_PROFILE_COUNT`: profile ids run from 0 to this, exclusive.
    public static final int PROFILE_COUNT = 17;
    /// The most placements one profile can have (one per memory slice of the largest GPU).
    private static final int MAX_PLACEMENTS = 16;

    private final NvmlBindings bindings;

    NvmlMig(NvmlBindings bindings) {
        this.bindings = bindings;
    }

    /// Current and pending MIG mode (`NVML_DEVICE_MIG_ENABLE` is 1).
    public record Mode(boolean current, boolean pending) {
    }

    public Mode mode(MemorySegment device) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment current = arena.allocate(JAVA_INT);
            MemorySegment pending = arena.allocate(JAVA_INT);
            bindings.call("nvmlDeviceGetMigMode", device, current, pending);
            return new Mode(current.get(JAVA_INT, 0) == 1, pending.get(JAVA_INT, 0) == 1);
        }
    }

    public int maxMigDeviceCount(MemorySegment device) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetMaxMigDeviceCount", device);
    }

    /// The MIG device in slot `index`; slots without one fail with `NVML_ERROR_NOT_FOUND`.
    public MemorySegment migDeviceHandle(MemorySegment device, int index) throws NvmlException {
        return bindings.handleOut("nvmlDeviceGetMigDeviceHandleByIndex", device, index);
    }

    public int gpuInstanceId(MemorySegment migDevice) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetGpuInstanceId", migDevice);
    }

    public int computeInstanceId(MemorySegment migDevice) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetComputeInstanceId", migDevice);
    }

    /// The GPU instance profile `profile` (one of the `NVML_GPU_INSTANCE_PROFILE_*` indexes):
    /// from `nvmlDeviceGetGpuInstanceProfileInfoV`, which names it, where the driver has it.
    public NvmlStructs.GpuInstanceProfile profile(MemorySegment device, int profile) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            if (bindings.has("nvmlDeviceGetGpuInstanceProfileInfoV")) {
                MemorySegment struct = arena.allocate(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2);
                struct.set(JAVA_INT, 0, NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2_VERSION);
                bindings.call("nvmlDeviceGetGpuInstanceProfileInfoV", device, profile, struct);
                return NvmlStructs.GpuInstanceProfile.decodeV2(struct);
            }
            MemorySegment struct = arena.allocate(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO);
            bindings.call("nvmlDeviceGetGpuInstanceProfileInfo", device, profile, struct);
            return NvmlStructs.GpuInstanceProfile.decode(struct);
        }
    }

    /// The GPU instances of one profile that exist now, with their placements.
    public List<NvmlStructs.GpuInstanceInfo> gpuInstances(MemorySegment device, NvmlStructs.GpuInstanceProfile profile)
            throws NvmlException {
        int capacity = Math.max(1, profile.instanceCount());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handles = arena.allocate(ADDRESS, capacity);
            MemorySegment count = arena.allocate(JAVA_INT);
            count.set(JAVA_INT, 0, capacity);
            bindings.call("nvmlDeviceGetGpuInstances", device, profile.id(), handles, count);
            List<NvmlStructs.GpuInstanceInfo> instances = new ArrayList<>();
            MemorySegment info = arena.allocate(NvmlLayouts.GPU_INSTANCE_INFO);
            for (int i = 0; i < count.get(JAVA_INT, 0); i++) {
                bindings.call("nvmlGpuInstanceGetInfo", handles.getAtIndex(ADDRESS, i), info);
                instances.add(NvmlStructs.GpuInstanceInfo.decode(info));
            }
            return instances;
        }
    }

    /// Where an instance of `profile` could be created (`nvmlDeviceGetGpuInstancePossiblePlacements_v2`).
    public List<NvmlStructs.Placement> possiblePlacements(MemorySegment device, int profileId) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment placements = arena.allocate(NvmlLayouts.GPU_INSTANCE_PLACEMENT, MAX_PLACEMENTS);
            MemorySegment count = arena.allocate(JAVA_INT);
            count.set(JAVA_INT, 0, MAX_PLACEMENTS);
            bindings.call("nvmlDeviceGetGpuInstancePossiblePlacements_v2", device, profileId, placements, count);
            List<NvmlStructs.Placement> result = new ArrayList<>();
            long size = NvmlLayouts.GPU_INSTANCE_PLACEMENT.byteSize();
            for (int i = 0; i < Math.min(count.get(JAVA_INT, 0), MAX_PLACEMENTS); i++) {
                result.add(NvmlStructs.Placement.decode(placements.asSlice(i * size, size)));
            }
            return result;
        }
    }

    /// The profile's name as `nvidia-smi mig -lgip` prints it, e.g. `1g.18gb` or `1g.18gb+me`.
    ///
    /// NVML names profiles in `_v2` profile info. Older drivers do not, and the name is then
    /// made up from the slice count, the memory in GiB rounded up and the variant the profile
    /// index means: close, but not always the marketing name (an H200's `1g.18gb` has 16 GiB).
    public static String profileName(int profileIndex, NvmlStructs.GpuInstanceProfile profile) {
        if (!profile.name().isBlank()) {
            return profileFromDeviceName(profile.name());
        }
        long gib = (profile.memorySizeMiB() + 1023) / 1024;
        String variant = switch (profileIndex) {
            case 7, 8 -> "+me";
            case 10, 11, 12 -> "+gfx";
            case 13, 14 -> "-me";
            case 15, 16 -> "+me.all";
            default -> "";
        };
        return profile.sliceCount() + "g." + gib + "gb" + variant;
    }

    /// The profile part of a MIG device's or profile's name (`NVIDIA H100 80GB HBM3 MIG 1g.10gb`
    /// and `MIG 1g.10gb` → `1g.10gb`).
    public static String profileFromDeviceName(String migDeviceName) {
        int at = migDeviceName.lastIndexOf("MIG ");
        return at < 0 ? migDeviceName.trim() : migDeviceName.substring(at + "MIG ".length()).trim();
    }
}
