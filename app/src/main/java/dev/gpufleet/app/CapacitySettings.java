package dev.gpufleet.app;

import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.GpuPricesJson;
import java.io.IOException;
import java.nio.file.Path;

/// Where the user's GPU prices live — `gpu-prices.json` in the settings directory of
/// [PlatformDirectories] — for the waste report's cost columns. A missing file means the
/// placeholder prices of [GpuPrices#defaults()].
public final class CapacitySettings {

    private CapacitySettings() {
    }

    /// This user's prices file on this platform (it may not exist).
    public static Path defaultPricesFile() {
        return PlatformDirectories.config().resolve(GpuPricesJson.FILE_NAME);
    }

    /// The prices in `file` over the defaults.
    ///
    /// @throws IOException              when it exists but cannot be read
    /// @throws IllegalArgumentException when it holds no valid prices; the message names file, line and key
    public static GpuPrices loadPrices(Path file) throws IOException {
        return GpuPricesJson.load(file);
    }
}
