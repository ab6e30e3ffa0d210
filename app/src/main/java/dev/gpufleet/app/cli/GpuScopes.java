package dev.gpufleet.app.cli;

import dev.gpufleet.core.drain.DrainOptions.GpuScope;

/// `--gpu 3` (a GPU by index) or `--gpu 3/2` (GPU 3's MIG GPU instance 2).
final class GpuScopes {

    private GpuScopes() {
    }

    static GpuScope parse(String text) {
        String[] parts = text.strip().split("/", -1);
        try {
            if (parts.length == 1) {
                return GpuScope.gpu(nonNegative(parts[0]));
            }
            if (parts.length == 2) {
                return GpuScope.migInstance(nonNegative(parts[0]), nonNegative(parts[1]));
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the message
        }
        throw new UserError("--gpu takes a GPU index (e.g. 3) or a GPU and MIG GPU instance id (e.g. 3/2), not \""
                + text + "\".");
    }

    private static int nonNegative(String text) {
        int value = Integer.parseInt(text.strip());
        if (value < 0) {
            throw new NumberFormatException(text);
        }
        return value;
    }
}
