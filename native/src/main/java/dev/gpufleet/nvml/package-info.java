/// FFM (`java.lang.foreign`) bindings to NVML, NVIDIA's management library, and a local-GPU
/// telemetry source built on them.
///
/// [NvmlLibrary#load()] answers [NvmlAvailability]: present with a working [Nvml], or absent
/// with a sentence saying what was looked for and where. Nothing here throws because NVML is
/// missing. Struct layouts follow NVIDIA's `nvml.h` (see [NvmlLayouts]); calls need
/// `--enable-native-access=ALL-UNNAMED`, which the `./gpufleet` launcher and the test
/// configuration pass.
@NullMarked
package dev.gpufleet.nvml;

import org.jspecify.annotations.NullMarked;
