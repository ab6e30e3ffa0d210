package dev.gpufleet.nvml;

import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// This machine's GPUs as a telemetry source: each round reads NVML once and drains the XID
/// events that came in since the last round, so the console can show the machine like a
/// one-node cluster.
public final class NvmlTelemetrySource implements TelemetrySource {

    /// The cluster name the console shows for this machine.
    public static final String CLUSTER = "This machine";

    private static final Logger LOG = LoggerFactory.getLogger(NvmlTelemetrySource.class);

    private final Nvml nvml;
    private final String node;
    private final NvmlReader reader;
    private final Map<String, Long> lastXid = new HashMap<>();
    private @Nullable NvmlXidEvents xids;

    public NvmlTelemetrySource(Nvml nvml, String node, Clock clock) {
        this.nvml = nvml;
        this.node = node;
        this.reader = new NvmlReader(nvml, clock);
        try {
            this.xids = nvml.xidEvents(nvml.devices());
        } catch (NvmlException e) {
            LOG.info("XID events are not watched on this machine: {}", e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "NVML on this machine (" + nvml.versionText() + ")";
    }

    @Override
    public synchronized TelemetryFrame collect() throws NvmlException {
        NvmlSnapshot snapshot = reader.read();
        drainXids(snapshot);
        return NvmlTelemetry.frame(CLUSTER, node, snapshot, lastXid);
    }

    private void drainXids(NvmlSnapshot snapshot) throws NvmlException {
        if (xids == null) {
            return;
        }
        Map<Long, String> uuidByHandle = new HashMap<>();
        for (int i = 0; i < snapshot.devices().size(); i++) {
            uuidByHandle.put(nvml.deviceHandle(i).address(), snapshot.devices().get(i).uuid());
        }
        for (Optional<NvmlXidEvents.Xid> xid = xids.next(0); xid.isPresent(); xid = xids.next(0)) {
            String uuid = uuidByHandle.get(xid.get().deviceAddress());
            if (uuid != null) {
                lastXid.put(uuid, xid.get().xid());
                LOG.warn("XID {} on GPU {}", xid.get().xid(), uuid);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (xids != null) {
            xids.close();
            xids = null;
        }
        nvml.close();
    }
}
