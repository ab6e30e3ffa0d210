package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.Workload;
import org.jspecify.annotations.Nullable;

/// What a GPU (or MIG slice) is doing, which shapes its utilisation over time.
enum Activity {
    /// No pod: 0%.
    IDLE,
    /// A notebook holding a GPU: ~0%, with the odd cell run.
    NOTEBOOK,
    /// Serving small models on MIG slices: lower and burstier.
    MIG_INFERENCE,
    /// Serving: a slow day/night swing with bursts shared by the replicas of a Deployment.
    INFERENCE,
    /// Training: ~95% with a dip to a few percent for a minute or so every 15-40 minutes
    /// (checkpoints, evaluation), in step across all GPUs of the job.
    TRAINING;

    private static final double DAY = 86_400;

    static Activity of(@Nullable Workload w) {
        if (w == null) {
            return IDLE;
        }
        return switch (w.kind()) {
            case TRAINING -> TRAINING;
            case INFERENCE -> w.migProfile() == null ? INFERENCE : MIG_INFERENCE;
            case NOTEBOOK -> NOTEBOOK;
            case DAEMON, SYSTEM -> IDLE;
        };
    }

    /// Utilisation in percent at `t` seconds. `jobKey` is shared by all GPUs of a workload,
    /// `gpuKey` is this GPU's own.
    double utilization(long jobKey, long gpuKey, double t) {
        return switch (this) {
            case IDLE -> 0;
            case NOTEBOOK -> {
                double n = Noise.smooth(gpuKey, t / 45);
                yield n > 0.7 ? (n - 0.7) / 0.3 * 35 : 0;
            }
            case TRAINING -> training(jobKey, gpuKey, t);
            case INFERENCE -> serving(jobKey, gpuKey, t, 0.55, 0.35);
            case MIG_INFERENCE -> serving(jobKey, gpuKey, t, 0.35, 0.5);
        };
    }

    private static double training(long jobKey, long gpuKey, double t) {
        double period = 900 + Hash.below(jobKey, 1_500);
        double dip = 45 + Hash.below(jobKey >>> 12, 60);
        double pos = (t + Hash.unit(Hash.mix(jobKey)) * period) % period;
        double busy = 93.5 + 3.5 * Noise.smooth(gpuKey, t / 7);
        double inDip = pos < dip ? Noise.clamp(Math.min(pos, dip - pos) / 4, 0, 1) : 0;
        double low = 3 + 2 * Noise.smooth(gpuKey + 1, t / 3);
        return busy * (1 - inDip) + low * inDip;
    }

    private static double serving(long jobKey, long gpuKey, double t, double level, double burstiness) {
        double phase = Hash.unit(Hash.mix(jobKey + 7)) * DAY;
        double diurnal = level + 0.25 * Math.sin(2 * Math.PI * (t + phase) / DAY);
        double burst = Math.max(0, Noise.smooth(jobKey, t / 20)) * burstiness;
        double jitter = 0.06 * Noise.smooth(gpuKey, t / 3);
        return Noise.clamp(100 * (diurnal * 0.8 + burst + jitter), 0, 100);
    }

    /// The share of usable framebuffer the workload holds: vLLM pre-allocates 90%, training
    /// fills most of it, notebooks hold some.
    double memoryFraction(@Nullable Workload w, long gpuKey) {
        double u = Hash.unit(Hash.mix(gpuKey + 3));
        return switch (this) {
            case IDLE -> 0;
            case TRAINING -> 0.86 + 0.08 * u;
            case INFERENCE -> w != null && w.container().equals("vllm") ? 0.90 + 0.01 * u : 0.25 + 0.35 * u;
            case MIG_INFERENCE -> 0.3 + 0.5 * u;
            case NOTEBOOK -> 0.03 + 0.35 * u;
        };
    }

    /// Share of memory-copy engine time per percent of utilisation.
    double copyShare() {
        return switch (this) {
            case TRAINING -> 0.42;
            case INFERENCE, MIG_INFERENCE -> 0.55;
            case NOTEBOOK -> 0.2;
            case IDLE -> 0;
        };
    }

    /// Share of cycles the tensor pipes are busy while the engine is active.
    double tensorShare() {
        return switch (this) {
            case TRAINING -> 0.48;
            case INFERENCE, MIG_INFERENCE -> 0.27;
            case NOTEBOOK -> 0.1;
            case IDLE -> 0;
        };
    }
}
