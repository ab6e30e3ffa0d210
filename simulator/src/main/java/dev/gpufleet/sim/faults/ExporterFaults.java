package dev.gpufleet.sim.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/// Which simulated exporters misbehave and how, switchable at runtime from any thread.
///
/// A node's exporter (dcgm-exporter or AMD's) can answer `500 Internal Server Error`
/// ([Fault#ERROR_500]), hang without answering ([Fault#TIMEOUT], for [#hangFor()] or until its
/// fault is switched off), or answer `200` with the exposition cut off mid-line
/// ([Fault#TRUNCATED]). Nodes are addressed by their index in the fleet (name order of the
/// plan, as `Fleet#nodeIndex` gives it), a fraction of them, or all.
///
/// ```java
/// sim.exporterFaults().failFraction(0.05, ExporterFaults.Fault.ERROR_500); // 3 of 64 nodes
/// sim.exporterFaults().clearAll();
/// ```
public final class ExporterFaults {

    /// How a faulty exporter answers.
    public enum Fault {
        /// `500 Internal Server Error` with a short plain-text body, as a crashing exporter does.
        ERROR_500,
        /// No answer until [ExporterFaults#hangFor()] passes or the fault is switched off, then
        /// `504`: longer than any sensible scrape timeout.
        TIMEOUT,
        /// `200` with the first half of the exposition, cut off mid-line.
        TRUNCATED;

        /// `500`, `timeout` or `truncated`, as `gpufleet sim --exporter-fault` takes it.
        public String flag() {
            return switch (this) {
                case ERROR_500 -> "500";
                case TIMEOUT -> "timeout";
                case TRUNCATED -> "truncated";
            };
        }

        /// The fault a flag names.
        ///
        /// @throws IllegalArgumentException naming the accepted values
        public static Fault parse(String flag) {
            for (Fault fault : values()) {
                if (fault.flag().equals(flag.strip().toLowerCase(Locale.ROOT))) {
                    return fault;
                }
            }
            throw new IllegalArgumentException("unknown exporter fault \"" + flag + "\"; use 500, timeout or truncated");
        }
    }

    /// What `gpufleet sim --exporter-fault` asked for: a fault on a fraction of the nodes.
    ///
    /// @param fault    how the exporters misbehave
    /// @param fraction the share of nodes, above 0 and at most 1
    public record Spec(Fault fault, double fraction) {

        public Spec {
            Objects.requireNonNull(fault, "fault");
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("the fraction of nodes must be above 0 and at most 1, got " + fraction);
            }
        }

        /// `500`, `timeout:0.05`, `truncated:1`: the fault, then optionally `:` and the fraction
        /// of nodes (default all).
        ///
        /// @throws IllegalArgumentException saying what is wrong and what is accepted
        public static Spec parse(String text) {
            int colon = text.indexOf(':');
            Fault fault = Fault.parse(colon < 0 ? text : text.substring(0, colon));
            if (colon < 0) {
                return new Spec(fault, 1);
            }
            String share = text.substring(colon + 1).strip();
            try {
                return new Spec(fault, Double.parseDouble(share));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + share + "\" is not a fraction of nodes; write e.g. "
                        + fault.flag() + ":0.05 for 5 % of them", e);
            }
        }
    }

    /// How long a hanging exporter waits by default before giving up with `504`.
    public static final Duration DEFAULT_HANG = Duration.ofSeconds(60);

    private final List<String> nodeNames;
    private final Map<String, Integer> indexByName;
    private final AtomicReferenceArray<@Nullable Fault> faults;
    private final Object changed = new Object();
    private volatile Duration hang = DEFAULT_HANG;
    private volatile boolean closed;

    /// Switches for the nodes named `nodeNames` (in fleet order), all off.
    public ExporterFaults(List<String> nodeNames) {
        this.nodeNames = List.copyOf(nodeNames);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < this.nodeNames.size(); i++) {
            indexByName.put(this.nodeNames.get(i), i);
        }
        this.faults = new AtomicReferenceArray<>(this.nodeNames.size());
    }

    /// The name of node `node`.
    public String nodeName(int node) {
        return nodeNames.get(checked(node));
    }

    /// Makes the exporter of the node named `nodeName` misbehave as `fault`.
    ///
    /// @throws IllegalArgumentException when the fleet has no such node
    public void fail(String nodeName, Fault fault) {
        fail(indexOf(nodeName), fault);
    }

    /// The exporter of the node named `nodeName` answers normally again.
    public void clear(String nodeName) {
        clear(indexOf(nodeName));
    }

    /// The names of the nodes whose exporters misbehave now, in fleet order.
    public List<String> failingNodes() {
        List<String> names = new ArrayList<>();
        for (int node = 0; node < faults.length(); node++) {
            if (faults.get(node) != null) {
                names.add(nodeNames.get(node));
            }
        }
        return names;
    }

    private int indexOf(String nodeName) {
        Integer node = indexByName.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("the simulated fleet has no node \"" + nodeName + "\"");
        }
        return node;
    }

    /// How many nodes the switches cover.
    public int nodeCount() {
        return faults.length();
    }

    /// Makes node `node`'s exporter misbehave as `fault`.
    public void fail(int node, Fault fault) {
        faults.set(checked(node), Objects.requireNonNull(fault, "fault"));
        signal();
    }

    /// Makes a fraction of the nodes misbehave, spread evenly over the fleet: at least one node
    /// for any fraction above 0, e.g. 3 of 64 for 0.05. Other nodes keep their switches.
    ///
    /// @return the indices of the nodes now failing this way
    public int[] failFraction(double fraction, Fault fault) {
        int[] chosen = spread(new Spec(fault, fraction).fraction(), faults.length());
        for (int node : chosen) {
            faults.set(node, fault);
        }
        signal();
        return chosen;
    }

    /// Applies `spec` (a fault on a fraction of the nodes).
    public int[] apply(Spec spec) {
        return failFraction(spec.fraction(), spec.fault());
    }

    /// Every exporter misbehaves as `fault`.
    public void failAll(Fault fault) {
        failFraction(1, fault);
    }

    /// Node `node`'s exporter answers normally again (a hanging request answers at once).
    public void clear(int node) {
        faults.set(checked(node), null);
        signal();
    }

    /// Every exporter answers normally again (hanging requests answer at once).
    public void clearAll() {
        for (int node = 0; node < faults.length(); node++) {
            faults.set(node, null);
        }
        signal();
    }

    /// The fault of node `node`'s exporter, `null` when it answers normally.
    public @Nullable Fault faultOf(int node) {
        return node < 0 || node >= faults.length() ? null : faults.get(node);
    }

    /// How many exporters misbehave now.
    public int failingCount() {
        int count = 0;
        for (int node = 0; node < faults.length(); node++) {
            count += faults.get(node) == null ? 0 : 1;
        }
        return count;
    }

    /// How long a [Fault#TIMEOUT] exporter holds a request.
    public Duration hangFor() {
        return hang;
    }

    /// Sets how long a [Fault#TIMEOUT] exporter holds a request (longer than the scraper's
    /// timeout to look like a dead exporter; shorter to look like a slow one).
    public void hangFor(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the hang must not be negative, got " + duration);
        }
        hang = duration;
        signal();
    }

    /// Holds the calling request while node `node`'s exporter hangs: returns once its fault is
    /// no longer [Fault#TIMEOUT], [#hangFor()] has passed, or the switches are closed.
    ///
    /// @return whether the fault still held when the wait ended (answer `504`), or it cleared
    public boolean awaitHang(int node) throws InterruptedException {
        long end = System.nanoTime() + hang.toNanos();
        synchronized (changed) {
            while (!closed && faultOf(node) == Fault.TIMEOUT) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
        return faultOf(node) == Fault.TIMEOUT;
    }

    /// Releases every hanging request (the server is stopping).
    public void close() {
        closed = true;
        signal();
    }

    /// `count` indices evenly spread over `0..nodes-1`, at least one when `nodes > 0`.
    static int[] spread(double fraction, int nodes) {
        int count = nodes == 0 ? 0 : Math.clamp(Math.round(nodes * fraction), 1, nodes);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = (int) ((long) i * nodes / count);
        }
        return chosen;
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private int checked(int node) {
        if (node < 0 || node >= faults.length()) {
            throw new IndexOutOfBoundsException("node " + node + " of a fleet of " + faults.length() + " nodes");
        }
        return node;
    }

    @Override
    public String toString() {
        return "ExporterFaults[" + failingCount() + " of " + faults.length() + " failing]";
    }
}
