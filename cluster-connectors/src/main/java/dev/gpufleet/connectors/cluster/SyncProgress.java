package dev.gpufleet.connectors.cluster;

import java.util.Locale;

/// How far a full list of nodes and pods has come, for the connection's status message while
/// it syncs: `syncing 12,500 nodes, 84,000 / ~200,000 pods`.
///
/// The totals are estimates: each page says how many items remain after it
/// (`remainingItemCount`, which API servers send for lists without selectors), and objects
/// come and go while the list runs; without it only the count so far shows. Thread-safe: the
/// node and pod lists run side by side.
final class SyncProgress {

    private long nodes;
    private long nodesTotal = -1;
    private boolean nodesDone;
    private long pods;
    private long podsTotal = -1;
    private boolean podsDone;

    /// Notes a page of `items` nodes, after which `remaining` more are expected (-1: unknown).
    synchronized void nodePage(int items, long remaining, boolean last) {
        nodes += items;
        nodesTotal = last ? nodes : remaining < 0 ? -1 : nodes + remaining;
        nodesDone = last;
    }

    /// Notes a page of `items` pods, after which `remaining` more are expected (-1: unknown).
    synchronized void podPage(int items, long remaining, boolean last) {
        pods += items;
        podsTotal = last ? pods : remaining < 0 ? -1 : pods + remaining;
        podsDone = last;
    }

    synchronized long nodes() {
        return nodes;
    }

    synchronized long pods() {
        return pods;
    }

    /// The status message, e.g. `syncing 12,500 nodes, 84,000 / ~200,000 pods`: a finished
    /// list shows its count, one under way its count and expected total (or "so far").
    synchronized String message() {
        return "syncing " + part(nodes, nodesTotal, nodesDone, "nodes") + ", " + part(pods, podsTotal, podsDone, "pods");
    }

    private static String part(long count, long total, boolean done, String what) {
        if (done) {
            return String.format(Locale.ROOT, "%,d %s", count, what);
        }
        if (total < 0) {
            return String.format(Locale.ROOT, "%,d %s so far", count, what);
        }
        return String.format(Locale.ROOT, "%,d / ~%,d %s", count, total, what);
    }
}
