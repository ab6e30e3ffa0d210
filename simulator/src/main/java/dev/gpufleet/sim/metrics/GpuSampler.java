package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.FaultSource;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.GpuModel;
import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.MigLayout;
import dev.gpufleet.sim.fleet.Workload;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/// Computes every field of one GPU at one instant: device-wide values (clocks, temperature,
/// power, energy, errors, NVLink) from the GPU's overall activity, per-slot values
/// (framebuffer, engine activity) for the whole GPU or each MIG instance.
///
/// Pure function of seed, GPU, workloads and elapsed seconds: counters are closed-form in time
/// so they only ever grow, and the same inputs give the same numbers.
final class GpuSampler {

    private static final int FIELDS = DcgmField.values().length;
    private static final double ENERGY_WOBBLE_PERIOD = 600;

    private final Fleet fleet;
    private final FaultSource faults;

    GpuSampler(Fleet fleet, FaultSource faults) {
        this.fleet = fleet;
        this.faults = faults;
    }

    /// Values by slot (0 for a whole GPU, else MIG instance) and field; NaN where absent.
    double[][] sample(int node, int gpu, @Nullable Workload[] slotWorkloads, double t) {
        GpuModel model = fleet.pool(node).model();
        MigLayout layout = fleet.migLayout(node, gpu);
        GpuFault fault = faults.fault(node, gpu);
        long gpuKey = Hash.of(fleet.seed(), Hash.salt("gpu"), node, gpu);
        int slots = slotWorkloads.length;
        double[][] values = new double[slots][FIELDS];
        double[] utils = new double[slots];
        double deviceUtil = 0;
        Activity dominant = Activity.IDLE;
        for (int s = 0; s < slots; s++) {
            Workload w = slotWorkloads[s];
            Activity a = Activity.of(w);
            long jobKey = w == null ? gpuKey : Hash.of(fleet.seed(), Hash.salt("job"), w.id());
            utils[s] = fault == GpuFault.FALLEN_OFF_BUS ? 0 : a.utilization(jobKey, gpuKey + s, t);
            deviceUtil += utils[s] * (layout == null ? 1 : layout.profile(s).slices() / 7.0);
            // Declared from least to most power-hungry: the GPU's energy follows its busiest slot.
            dominant = a.ordinal() > dominant.ordinal() ? a : dominant;
            Arrays.fill(values[s], Double.NaN);
            instanceValues(values[s], model, layout, s, a, w, utils[s], gpuKey + 31L * s, t);
        }
        double[] device = deviceValues(model, fault, dominant, Math.min(100, deviceUtil), node, gpuKey, t);
        for (DcgmField f : DcgmField.values()) {
            for (int s = 0; s < slots; s++) {
                if (f.scope() == DcgmField.Scope.DEVICE) {
                    values[s][f.ordinal()] = device[f.ordinal()];
                } else if (f.scope() == DcgmField.Scope.WHOLE_GPU_ONLY && layout != null) {
                    values[s][f.ordinal()] = Double.NaN;
                }
            }
        }
        return values;
    }

    private void instanceValues(double[] v, GpuModel model, @Nullable MigLayout layout, int slot, Activity a,
            @Nullable Workload w, double util, long key, double t) {
        double totalMiB = layout == null ? model.specs().memoryMiB() : layout.profile(slot).memoryMiB();
        double reservedMiB = layout == null ? model.specs().reservedMiB() : 0;
        double usedMiB = Math.floor((totalMiB - reservedMiB) * a.memoryFraction(w, key));
        set(v, DcgmField.FB_USED, usedMiB);
        set(v, DcgmField.FB_RESERVED, reservedMiB);
        set(v, DcgmField.FB_FREE, totalMiB - reservedMiB - usedMiB);
        double gr = util / 100 * (0.985 + 0.015 * Noise.smooth(key + 5, t / 5));
        set(v, DcgmField.GPU_UTIL, Math.round(util));
        set(v, DcgmField.MEM_COPY_UTIL, Math.round(util * a.copyShare()));
        set(v, DcgmField.ENC_UTIL, 0);
        set(v, DcgmField.DEC_UTIL, 0);
        set(v, DcgmField.PROF_GR_ENGINE_ACTIVE, gr);
        set(v, DcgmField.PROF_SM_ACTIVE, gr * 0.92);
        set(v, DcgmField.PROF_SM_OCCUPANCY, gr * 0.92 * (a == Activity.TRAINING ? 0.45 : 0.3));
        set(v, DcgmField.PROF_PIPE_TENSOR_ACTIVE, gr * a.tensorShare());
        set(v, DcgmField.PROF_DRAM_ACTIVE, gr * (a == Activity.TRAINING ? 0.55 : 0.65));
        set(v, DcgmField.PROF_PIPE_FP64_ACTIVE, 0);
        set(v, DcgmField.PROF_PIPE_FP32_ACTIVE, gr * 0.12);
        set(v, DcgmField.PROF_PIPE_FP16_ACTIVE, gr * (a == Activity.TRAINING ? 0.18 : 0.1));
        double pcieBase = 105_000 + 20_000 * Hash.unit(key);
        double pcieLoad = a == Activity.TRAINING ? 3e8 : a == Activity.NOTEBOOK ? 1e7 : 1.2e8;
        set(v, DcgmField.PROF_PCIE_TX_BYTES, Math.floor(pcieBase + pcieLoad * gr));
        set(v, DcgmField.PROF_PCIE_RX_BYTES, Math.floor(pcieBase * 0.2 + pcieLoad * 1.6 * gr));
    }

    private double[] deviceValues(GpuModel model, @Nullable GpuFault fault, Activity a, double util, int node,
            long key, double t) {
        double[] v = new double[FIELDS];
        GpuModel.Specs s = model.specs();
        boolean lost = fault == GpuFault.FALLEN_OFF_BUS;
        boolean hot = fault == GpuFault.THERMAL;
        double temp = hot ? 90 + 2 * Hash.unit(key) + 2 * Noise.smooth(key + 11, t / 20)
                : 29 + 3 * Hash.unit(key) + 0.47 * util + 1.2 * Noise.smooth(key + 11, t / 30);
        double power = s.idleWatts() * (1 + 0.04 * Noise.smooth(key + 13, t / 9))
                + (s.tdpWatts() - s.idleWatts()) * Math.pow(util / 100, 1.15) * (0.93 + 0.05 * Noise.smooth(key + 17, t / 4));
        if (hot) {
            power = Math.min(power, 0.7 * s.tdpWatts());
        }
        set(v, DcgmField.GPU_TEMP, lost ? 0 : Math.round(temp));
        set(v, DcgmField.MEMORY_TEMP, lost || model == GpuModel.L40S ? 0 : Math.round(temp + 6 + 2 * Hash.unit(key + 1)));
        set(v, DcgmField.POWER_USAGE, lost ? 0 : Math.round(power * 1000) / 1000.0);
        set(v, DcgmField.SM_CLOCK, lost ? 0 : smClock(model, util, hot, key, t));
        set(v, DcgmField.MEM_CLOCK, lost ? 0 : model == GpuModel.L40S && util < 1 ? 405 : s.memClock());
        set(v, DcgmField.TOTAL_ENERGY_CONSUMPTION, energy(model, a, node, key, t));
        set(v, DcgmField.PCIE_REPLAY_COUNTER, Hash.unit(key + 19) < 0.05 ? 1 + Hash.below(key + 19, 40) : 0);
        set(v, DcgmField.XID_ERRORS, fault == null ? 0 : fault.xid());
        boolean capped = a == Activity.TRAINING && util > 90 && Hash.unit(key + 23) < 0.4;
        set(v, DcgmField.POWER_VIOLATION, Math.floor(Hash.unit(key + 29) * (a == Activity.TRAINING ? 5e9 : 2e7)
                + (capped ? 0.02 * t * 1e6 : 0)));
        set(v, DcgmField.THERMAL_VIOLATION, hot ? Math.floor(4.2e9 + 0.35 * t * 1e6) : 0);
        set(v, DcgmField.CLOCK_THROTTLE_REASONS, lost ? 0 : hot ? 0x68 : util < 1 ? 0x1 : capped ? 0x4 : 0);
        errorCounters(v, fault, key);
        boolean nvlink = s.nvlinkGBps() > 0;
        double linkShare = a == Activity.TRAINING ? 0.35 : a == Activity.INFERENCE ? 0.04 : 0;
        double linkRate = nvlink ? s.nvlinkGBps() * 1e9 * linkShare * util / 100 : 0;
        set(v, DcgmField.NVLINK_BANDWIDTH_TOTAL, nvlink ? Math.floor(Hash.unit(key + 37) * 1e12 + linkShare * 2e5 * t) : 0);
        set(v, DcgmField.PROF_NVLINK_TX_BYTES, Math.floor(linkRate));
        set(v, DcgmField.PROF_NVLINK_RX_BYTES, Math.floor(linkRate * 0.98));
        set(v, DcgmField.VGPU_LICENSE_STATUS, 0);
        return v;
    }

    private static double smClock(GpuModel model, double util, boolean hot, long key, double t) {
        if (hot) {
            return Math.round(1395 + 60 * Noise.smooth(key + 41, t / 10));
        }
        if (util < 1) {
            return model.family().equals("hopper") ? 345 : 210;
        }
        return model.specs().maxSmClock() - (util > 90 ? 15 * Math.round(2 + 4 * Hash.unit(key + 43)) : 0);
    }

    // Closed form: mean power times time plus a bounded wobble whose derivative never makes
    // the total fall, so the counter increases strictly and is the same at the same t.
    private double energy(GpuModel model, Activity a, int node, long key, double t) {
        double meanUtil = switch (a) {
            case TRAINING -> 0.9;
            case INFERENCE -> 0.45;
            case MIG_INFERENCE -> 0.3;
            case NOTEBOOK -> 0.02;
            case IDLE -> 0;
        };
        GpuModel.Specs s = model.specs();
        double mean = s.idleWatts() + (s.tdpWatts() - s.idleWatts()) * meanUtil;
        double uptime = Math.min(fleet.nodeAgeSeconds(node), 86_400.0 * (3 + Hash.below(key + 47, 40)));
        double omega = 2 * Math.PI / ENERGY_WOBBLE_PERIOD;
        double wobble = 0.05 * mean * (1 - Math.cos(omega * t)) / omega;
        return Math.floor(1000 * (mean * (uptime + t) + wobble));
    }

    private static void errorCounters(double[] v, @Nullable GpuFault fault, long key) {
        boolean dbe = fault != null && fault.uncorrectableEcc();
        double sbeVolatile = Hash.unit(key + 53) < 0.1 ? 1 + Hash.below(key + 53, 5) : 0;
        set(v, DcgmField.ECC_SBE_VOL_TOTAL, sbeVolatile);
        set(v, DcgmField.ECC_DBE_VOL_TOTAL, dbe ? (fault == GpuFault.DOUBLE_BIT_ECC ? 2 : 1) : 0);
        set(v, DcgmField.ECC_SBE_AGG_TOTAL, sbeVolatile + (Hash.unit(key + 59) < 0.2 ? Hash.below(key + 59, 30) : 0));
        set(v, DcgmField.ECC_DBE_AGG_TOTAL, dbe ? (fault == GpuFault.DOUBLE_BIT_ECC ? 4 : 1) : 0);
        set(v, DcgmField.RETIRED_SBE, 0);
        set(v, DcgmField.RETIRED_DBE, 0);
        set(v, DcgmField.UNCORRECTABLE_REMAPPED_ROWS, dbe ? 1 : 0);
        set(v, DcgmField.CORRECTABLE_REMAPPED_ROWS, Hash.unit(key + 61) < 0.05 ? 1 + Hash.below(key + 61, 3) : 0);
        set(v, DcgmField.ROW_REMAP_FAILURE, 0);
    }

    private static void set(double[] v, DcgmField f, double value) {
        v[f.ordinal()] = value;
    }
}
