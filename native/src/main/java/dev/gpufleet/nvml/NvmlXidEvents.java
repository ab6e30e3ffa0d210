package dev.gpufleet.nvml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// An NVML event set registered for XID critical errors: [#next(int)] waits for the next one.
///
/// Devices that cannot report XIDs (`NVML_ERROR_NOT_SUPPORTED`) are left out of the set and
/// logged, so one old card does not stop the others from being watched.
public final class NvmlXidEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NvmlXidEvents.class);
    /// `nvmlEventTypeXidCriticalError`.
    public static final long XID_CRITICAL_ERROR = 0x8L;
    /// What NVML writes into an event's MIG ids when the event belongs to no instance.
    private static final int NOT_ATTRIBUTED = -1;

    private final NvmlBindings bindings;
    private final MemorySegment set;
    private final int registered;
    private boolean closed;

    private NvmlXidEvents(NvmlBindings bindings, MemorySegment set, int registered) {
        this.bindings = bindings;
        this.set = set;
        this.registered = registered;
    }

    /// One XID: the device (by handle address), the code and the MIG instance, where known.
    public record Xid(long deviceAddress, long xid, int gpuInstanceId, int computeInstanceId) {

        public boolean attributedToInstance() {
            return gpuInstanceId != NOT_ATTRIBUTED;
        }
    }

    static NvmlXidEvents open(NvmlBindings bindings, List<MemorySegment> devices) throws NvmlException {
        MemorySegment set = bindings.handleOut("nvmlEventSetCreate");
        int registered = 0;
        for (MemorySegment device : devices) {
            try {
                bindings.call("nvmlDeviceRegisterEvents", device, XID_CRITICAL_ERROR, set);
                registered++;
            } catch (NvmlException e) {
                if (!e.status().meansUnavailable()) {
                    LOG.warn("XID events not watched on one device: {}", e.getMessage());
                }
            }
        }
        return new NvmlXidEvents(bindings, set, registered);
    }

    /// How many devices report XIDs into this set.
    public int registeredDevices() {
        return registered;
    }

    /// Waits up to `timeoutMillis` for the next XID; empty when none came in that time.
    public Optional<Xid> next(int timeoutMillis) throws NvmlException {
        if (registered == 0) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(NvmlLayouts.EVENT_DATA);
            try {
                bindings.call("nvmlEventSetWait_v2", set, data, timeoutMillis);
            } catch (NvmlException e) {
                if (e.status() == NvmlReturn.ERROR_TIMEOUT) {
                    return Optional.empty();
                }
                throw e;
            }
            NvmlStructs.EventData event = NvmlStructs.EventData.decode(data);
            return Optional.of(new Xid(event.deviceAddress(), event.eventData(), event.gpuInstanceId(),
                    event.computeInstanceId()));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bindings.call("nvmlEventSetFree", set);
        } catch (NvmlException e) {
            LOG.warn("NVML event set not freed: {}", e.getMessage());
        }
    }
}
