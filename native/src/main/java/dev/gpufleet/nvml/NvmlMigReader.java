package dev.gpufleet.nvml;

import static dev.gpufleet.nvml.NvmlReader.attempt;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/// Reads the MIG layout of one MIG-enabled GPU: its MIG devices and its GPU instances with
/// their placements.
final class NvmlMigReader {

    private final Nvml nvml;
    private final List<String> problems;

    NvmlMigReader(Nvml nvml, List<String> problems) {
        this.nvml = nvml;
        this.problems = problems;
    }

    List<NvmlSnapshot.MigDevice> migDevices(MemorySegment parent) {
        Integer slots = attempt("MIG device count", () -> nvml.mig().maxMigDeviceCount(parent), problems);
        List<NvmlSnapshot.MigDevice> devices = new ArrayList<>();
        for (int slot = 0; slots != null && slot < slots; slot++) {
            int index = slot;
            MemorySegment mig = attempt("MIG device " + slot, () -> nvml.mig().migDeviceHandle(parent, index), problems);
            if (mig == null) {
                continue;
            }
            Integer gi = attempt("GPU instance id", () -> nvml.mig().gpuInstanceId(mig), problems);
            Integer ci = attempt("compute instance id", () -> nvml.mig().computeInstanceId(mig), problems);
            String name = attempt("MIG device name", () -> nvml.name(mig), problems);
            String uuid = attempt("MIG device UUID", () -> nvml.uuid(mig), problems);
            devices.add(new NvmlSnapshot.MigDevice(uuid == null ? "" : uuid,
                    name == null ? "" : NvmlMig.profileFromDeviceName(name),
                    gi == null ? -1 : gi, ci == null ? -1 : ci,
                    attempt("MIG device memory", () -> nvml.memory(mig), problems)));
        }
        return devices;
    }

    List<NvmlSnapshot.GpuInstance> gpuInstances(MemorySegment parent) {
        List<NvmlSnapshot.GpuInstance> instances = new ArrayList<>();
        for (int id = 0; id < NvmlMig.PROFILE_COUNT; id++) {
            int profileId = id;
            NvmlStructs.GpuInstanceProfile profile = attempt("GPU instance profile " + id,
                    () -> nvml.mig().profile(parent, profileId), new ArrayList<>());
            if (profile == null) {
                continue;
            }
            List<NvmlStructs.GpuInstanceInfo> found = attempt("GPU instances of profile " + id,
                    () -> nvml.mig().gpuInstances(parent, profile), problems);
            for (NvmlStructs.GpuInstanceInfo info : found == null ? List.<NvmlStructs.GpuInstanceInfo>of() : found) {
                instances.add(new NvmlSnapshot.GpuInstance(info.id(), info.profileId(), NvmlMig.profileName(profileId, profile),
                        info.placement()));
            }
        }
        instances.sort(Comparator.comparingInt(NvmlSnapshot.GpuInstance::id));
        return instances;
    }
}
