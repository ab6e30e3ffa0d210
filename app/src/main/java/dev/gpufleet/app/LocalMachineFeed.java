package dev.gpufleet.app;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSink;
import dev.gpufleet.core.store.InventoryEvent;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import dev.gpufleet.nvml.NvmlAvailability;
import dev.gpufleet.nvml.NvmlLibrary;
import dev.gpufleet.nvml.NvmlTelemetrySource;
import dev.gpufleet.views.clusters.ClusterEntry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// "This machine" in the cluster list: the local GPUs, read through NVML, fed into the store
/// like a one-node cluster. Exists only where NVML loads; elsewhere [#probe] says why, once,
/// at info level, and nothing else changes.
final class LocalMachineFeed implements AutoCloseable {

    /// The entry's name in the cluster list and in snapshots.
    static final String NAME = NvmlTelemetrySource.CLUSTER;
    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(LocalMachineFeed.class);

    private final TelemetrySource source;
    private final String node;
    private final FleetSink sink;
    private final Duration interval;
    private final Clock clock;
    private @Nullable Thread poller;

    LocalMachineFeed(TelemetrySource source, String node, FleetSink sink, Duration interval, Clock clock) {
        this.source = source;
        this.node = node;
        this.sink = sink;
        this.interval = interval;
        this.clock = clock;
    }

    /// The feed for this machine's GPUs, or empty (logged once) where NVML is not available.
    static Optional<LocalMachineFeed> probe(FleetSink sink, Clock clock) {
        NvmlAvailability availability = NvmlLibrary.load();
        if (availability instanceof NvmlAvailability.Present present) {
            String host = hostName();
            LOG.info("{}: \"{}\" lists this machine's GPUs", availability.describe(), NAME);
            return Optional.of(new LocalMachineFeed(new NvmlTelemetrySource(present.nvml(), host, clock), host, sink,
                    INTERVAL, clock));
        }
        LOG.info("No \"{}\" entry: {}", NAME, availability.describe());
        return Optional.empty();
    }

    ClusterEntry entry() {
        return new ClusterEntry(NAME, source.describe());
    }

    /// Starts reading on a virtual thread; a started feed is left running.
    synchronized void start() {
        if (poller != null) {
            return;
        }
        sink.connection(NAME, ConnectionStatus.of(ConnectionState.CONNECTING, clock.instant()));
        poller = Thread.ofVirtual().name("gpufleet-nvml").start(this::poll);
    }

    /// Stops reading and drops the machine from the fleet.
    synchronized void stop() {
        if (poller == null) {
            return;
        }
        Thread stopping = poller;
        poller = null;
        stopping.interrupt();
        try {
            // A read in flight must not put the machine back after it is removed.
            stopping.join(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.removeCluster(NAME);
    }

    private void poll() {
        boolean listed = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TelemetryFrame frame = source.collect();
                if (!listed) {
                    sink.inventory(NAME, new InventoryEvent.Resynced(List.of(nodeRecord(node, frame)), List.of()));
                    listed = true;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                sink.telemetry(frame);
                sink.connection(NAME, ConnectionStatus.of(ConnectionState.LIVE, clock.instant()));
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("Reading this machine's GPUs failed", e);
                sink.connection(NAME, new ConnectionStatus(ConnectionState.DEGRADED,
                        "NVML could not be read: " + e.getMessage(), clock.instant()));
                if (!sleep()) {
                    return;
                }
            }
        }
    }

    private boolean sleep() {
        try {
            Thread.sleep(interval);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /// The machine as a node: ready, schedulable, labelled like GPU Feature Discovery would.
    static NodeRecord nodeRecord(String node, TelemetryFrame frame) {
        List<GpuSample> gpus = frame.nodes().isEmpty() ? List.of() : frame.nodes().getFirst().gpus();
        String product = gpus.isEmpty() || gpus.getFirst().model() == null ? "unknown"
                : gpus.getFirst().model().replace(' ', '-');
        return new NodeRecord(node, Map.of(NodeRecord.LABEL_GPU_PRODUCT, product,
                NodeRecord.LABEL_GPU_COUNT, String.valueOf(gpus.size())), false, true, List.of(),
                Map.of("nvidia.com/gpu", (long) gpus.size()), null, null, List.of());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void close() {
        stop();
        source.close();
    }
}
