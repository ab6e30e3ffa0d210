package dev.gpufleet.sim.api;

import dev.gpufleet.sim.faults.ApiFaults;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import dev.gpufleet.sim.store.WatchEvent;
import dev.gpufleet.sim.store.WatchSubscription;
import dev.gpufleet.sim.table.Printers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/// Serves `?watch=true`: a chunked stream of newline-delimited
/// `{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}` events.
///
/// Without a resource version (or with `0`) the stream opens with an ADDED event per existing
/// object; with one, it replays the changes after it, or answers 410 Expired in an ERROR event
/// when the history no longer reaches that far. `timeoutSeconds` ends the stream (default 30
/// minutes, like the API server's minimum request timeout); `allowWatchBookmarks` adds a
/// BOOKMARK every minute and before the end; `sendInitialEvents` ends the initial events with
/// the `k8s.io/initial-events-end` bookmark.
///
/// The [ApiFaults] can end an open stream: with a 410 Expired ERROR event (watch expiry), a 503
/// ERROR event, or a reset connection; and a watch from before the last expiry is answered 410.
final class WatchStreamer {

    private static final long DEFAULT_TIMEOUT_SECONDS = 1_800;
    private static final long BOOKMARK_INTERVAL_MILLIS = 60_000;
    /// How long a stream waits for an event before it looks at the faults again.
    private static final long FAULT_CHECK_MILLIS = 100;

    private final Supplier<Instant> now;
    private final ApiFaults faults;

    WatchStreamer(Supplier<Instant> now, ApiFaults faults) {
        this.now = now;
        this.faults = faults;
    }

    <T extends HasMetadata> void stream(ApiRequest request, ResourceStore<T> store, @Nullable String namespace,
            Selection selection) throws IOException {
        String rv = request.param("resourceVersion", "");
        boolean initial = rv.isEmpty() || rv.equals("0") || request.flag("sendInitialEvents");
        long timeoutMillis = 1000 * parseVersion(request.param("timeoutSeconds", Long.toString(DEFAULT_TIMEOUT_SECONDS)));
        boolean bookmarks = request.flag("allowWatchBookmarks");
        long cutsAtStart = faults.cuts();
        WatchSubscription subscription = null;
        ApiException expired = null;
        long from = initial ? -1 : parseVersion(rv);
        try {
            if (from >= 0 && from < faults.compactedBelow()) {
                throw tooOld(from);
            }
            subscription = store.subscribe(from);
        } catch (ApiException e) {
            expired = e;
        }
        OutputStream out = ReadEndpoint.startStream(request.exchange());
        out.flush(); // the headers go out now, not with the first event: clients wait for them
        WatchEventWriter stream = new WatchEventWriter(out,
                request.wantsTable() ? Printers.forResource(store.type().plural()) : null, store, namespace, selection, now);
        // Not closed on a ConnectionDropped: closing would end the chunked body cleanly.
        try (WatchSubscription sub = subscription) {
            if (sub == null) {
                stream.error(Objects.requireNonNull(expired));
                out.close();
                return;
            }
            if (initial) {
                sendInitial(stream, store, namespace, selection, sub, request.flag("sendInitialEvents") && bookmarks);
            }
            for (WatchEvent e : sub.replay()) {
                if (stream.wants(e.object())) {
                    stream.send(e.type(), e.object());
                }
            }
            follow(stream, sub, System.currentTimeMillis() + timeoutMillis, bookmarks, cutsAtStart);
        }
        out.close();
    }

    /// As a real API server words it: `too old resource version: 123 (456)`.
    private ApiException tooOld(long from) {
        return ApiException.gone("too old resource version: " + from + " (" + faults.compactedBelow() + ")");
    }

    /// Ends the stream as the latest fault says; false when no fault came since the start.
    private boolean cutByFault(WatchEventWriter stream, long cutsAtStart, long lastSent) throws IOException {
        if (faults.cuts() == cutsAtStart) {
            return false;
        }
        switch (faults.lastCut()) {
            case EXPIRED -> stream.error(tooOld(lastSent));
            case UNAVAILABLE -> stream.error(FaultGate.unavailable());
            case DROPPED -> throw new ConnectionDropped();
        }
        return true;
    }

    private static long parseVersion(String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid value: \"" + rv + "\": must be a number");
        }
    }

    private <T extends HasMetadata> void sendInitial(WatchEventWriter stream, ResourceStore<T> store, @Nullable String namespace,
            Selection selection, WatchSubscription sub, boolean endBookmark) throws IOException {
        List<HasMetadata> current = new ArrayList<>();
        store.list(namespace, selection, 0, null, current::add);
        for (HasMetadata object : current) {
            stream.send("ADDED", object);
        }
        if (endBookmark) {
            stream.bookmark(sub.startResourceVersion(), true);
        }
    }

    private void follow(WatchEventWriter stream, WatchSubscription sub, long deadline, boolean bookmarks,
            long cutsAtStart) throws IOException {
        long lastSent = sub.startResourceVersion();
        long nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MILLIS;
        try {
            while (true) {
                long nowMillis = System.currentTimeMillis();
                if (nowMillis >= deadline) {
                    if (bookmarks) {
                        stream.bookmark(Math.max(lastSent, stream.store().resourceVersion()), false);
                    }
                    return;
                }
                if (cutByFault(stream, cutsAtStart, lastSent)) {
                    return;
                }
                WatchEvent e = sub.next(Math.min(Math.min(deadline, nextBookmark) - nowMillis, FAULT_CHECK_MILLIS));
                if (sub.overflowed()) {
                    stream.error(ApiException.gone("the watch fell too far behind; list and watch again"));
                    return;
                }
                if (e != null && e.resourceVersion() > lastSent) {
                    lastSent = e.resourceVersion();
                    if (stream.wants(e.object())) {
                        stream.send(e.type(), e.object());
                    }
                } else if (e == null && bookmarks && System.currentTimeMillis() >= nextBookmark) {
                    stream.bookmark(Math.max(lastSent, stream.store().resourceVersion()), false);
                    nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MILLIS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
