package dev.gpufleet.connectors.kube;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Notices when the kubeconfig files change and reads them again.
///
/// Watches the folder of every file of a [KubeconfigLocation] (a folder, not the file, so an
/// editor or `kubectl config` replacing the file by a rename is seen, and so is a file of
/// `KUBECONFIG` that appears later) with a [WatchService], and also looks every `pollInterval`,
/// for network file systems whose changes the service does not report. A change is only a
/// change when a file's bytes differ, so touching or reading a file does nothing.
///
/// On a change the listener hears the new kubeconfig and what changed, or, when the files no
/// longer parse, the problem (file and line); the last good kubeconfig stays the one compared
/// against. The files are only read. The listener is called on the watch's own thread.
public final class KubeconfigWatch implements AutoCloseable {

    /// What a watch reports.
    public interface Listener {
        /// The files changed and read well; `change` may be empty (e.g. only a comment
        /// changed, or the files are good again after a problem).
        void changed(Kubeconfig kubeconfig, KubeconfigChange change);

        /// The files changed and cannot be read; the previous kubeconfig still applies.
        void failed(KubeconfigException problem);
    }

    private static final Logger LOG = LoggerFactory.getLogger(KubeconfigWatch.class);
    /// Editors write in several steps; one reading after the last of them.
    private static final Duration SETTLE = Duration.ofMillis(150);

    private final KubeconfigLocation location;
    private final Listener listener;
    private final Duration pollInterval;
    private final @Nullable WatchService service;
    private final Thread thread;
    private Kubeconfig current;
    private List<byte[]> fingerprint;
    private volatile boolean closed;

    private KubeconfigWatch(KubeconfigLocation location, Kubeconfig current, Listener listener,
            Duration pollInterval, boolean useWatchService) {
        this.location = location;
        this.current = current;
        this.listener = listener;
        this.pollInterval = pollInterval;
        this.fingerprint = fingerprint(location.files());
        this.service = useWatchService ? register(location.files()) : null;
        this.thread = Thread.ofPlatform().daemon().name("gpufleet-kubeconfig-watch").unstarted(this::run);
    }

    /// Starts watching the files of `location`; `current` is what they held when last read.
    public static KubeconfigWatch start(KubeconfigLocation location, Kubeconfig current, Listener listener,
            Duration pollInterval) {
        KubeconfigWatch watch = new KubeconfigWatch(location, current, listener, pollInterval, true);
        watch.thread.start();
        return watch;
    }

    /// A watch that only polls, as on a file system without change events (for tests).
    static KubeconfigWatch startPolling(KubeconfigLocation location, Kubeconfig current, Listener listener,
            Duration pollInterval) {
        KubeconfigWatch watch = new KubeconfigWatch(location, current, listener, pollInterval, false);
        watch.thread.start();
        return watch;
    }

    private static @Nullable WatchService register(List<Path> files) {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path file : files) {
            folders.add(file.getParent());
            try {
                // A symbolic link's target lives elsewhere (dotfile managers do this).
                folders.add(file.toRealPath().getParent());
            } catch (IOException notThereYet) {
                // Not there yet: its folder's events, or a poll, will show it when it comes.
            }
        }
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            for (Path folder : folders) {
                if (folder != null && Files.isDirectory(folder)) {
                    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
            return service;
        } catch (IOException | UnsupportedOperationException unwatchable) {
            LOG.info("The kubeconfig folders cannot be watched ({}); looking for changes by polling",
                    unwatchable.getMessage());
            return null;
        }
    }

    private void run() {
        while (!closed) {
            try {
                WatchKey key = service == null ? null : service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (service == null) {
                    Thread.sleep(pollInterval);
                }
                if (key != null) {
                    Thread.sleep(SETTLE);
                    drain(key);
                }
                check();
            } catch (InterruptedException | ClosedWatchServiceException stop) {
                return;
            } catch (RuntimeException unexpected) {
                LOG.warn("Watching the kubeconfig failed; changes to it are not picked up", unexpected);
                return;
            }
        }
    }

    private void drain(WatchKey first) {
        first.pollEvents();
        first.reset();
        for (WatchKey more = service.poll(); more != null; more = service.poll()) {
            more.pollEvents();
            more.reset();
        }
    }

    /// Reads the files again if their bytes changed since the last look.
    void check() {
        List<byte[]> now = fingerprint(location.files());
        if (sameFingerprint(now, fingerprint) || closed) {
            return;
        }
        fingerprint = now;
        try {
            Kubeconfig read = location.load().withCommandSearch(current.commandSearch());
            KubeconfigChange change = KubeconfigChange.between(current, read);
            current = read;
            LOG.info("The kubeconfig changed: {} added, {} removed, {} changed", change.added(), change.removed(),
                    change.changed());
            listener.changed(read, change);
        } catch (KubeconfigException problem) {
            LOG.info("The kubeconfig changed but cannot be read: {}", problem.getMessage());
            listener.failed(problem);
        }
    }

    private static boolean sameFingerprint(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /// A digest of each file's bytes (empty for a file that is not there or not readable).
    private static List<byte[]> fingerprint(List<Path> files) {
        List<byte[]> digests = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                digests.add(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            } catch (NoSuchFileException gone) {
                digests.add(new byte[0]);
            } catch (IOException unreadable) {
                digests.add(new byte[] {1});
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }
        return digests;
    }

    /// Stops watching; the listener hears nothing more.
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // Closing is best effort; the thread ends either way.
            }
        }
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
