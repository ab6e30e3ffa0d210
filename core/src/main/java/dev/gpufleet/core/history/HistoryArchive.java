package dev.gpufleet.core.history;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Keeps each cluster's [FleetHistory] on disk so the console reopens with its last hours,
/// even for a cluster read without Prometheus.
///
/// Under `root`, one directory per cluster (see [#directoryName(String)]) holds one file per
/// hour, `seg-<hour start, epoch seconds>.gfh`, in the [Segment] format: the cells exactly as
/// they are in memory (about 10 bytes per GPU per sample with the default metrics), the GPU
/// keys, and a header with a CRC32. Files are replaced atomically (temporary file, fsync,
/// atomic move), so a crash leaves the previous version, never half a file.
///
/// [#flush] copies the hours that changed on the caller's thread (the history's single
/// writer) and writes them on the archive's own thread; the hour in progress is rewritten on
/// each flush. Segments older than the history's retention, or beyond the byte budget per
/// cluster, are deleted, oldest first. Only files named like segments are ever touched; a
/// segment that could not be loaded is renamed `….gfh.skipped` (not deleted) before its hour
/// is saved again.
public final class HistoryArchive implements AutoCloseable {

    public static final long DEFAULT_BYTE_BUDGET = 256L * 1024 * 1024;
    static final long HOUR_MILLIS = 3_600_000;
    private static final int MAX_NAME = 120;
    /// Frames may be stamped a little before the moment a cluster first reports.
    private static final int FIRST_FLUSH_MARGIN_TICKS = 6;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryArchive.class);

    private final Path root;
    private final long byteBudget;
    private final Predicate<String> persists;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("history-archive").factory());
    /// Per cluster, the tick whose hour the next flush starts at (touched by the history's writer only).
    private final Map<String, Long> flushFrom = new HashMap<>();
    /// Per cluster, the oldest tick of a write that failed, to be written again.
    private final Map<String, Long> failedFrom = new ConcurrentHashMap<>();
    /// Segment files load skipped: set aside rather than overwritten when their hour is saved again.
    private final Set<Path> skipped = ConcurrentHashMap.newKeySet();

    /// An archive under `root` keeping at most `byteBudget` bytes per cluster, for the
    /// clusters `persists` accepts (others are neither loaded nor written).
    public HistoryArchive(Path root, long byteBudget, Predicate<String> persists) {
        if (byteBudget <= 0) {
            throw new IllegalArgumentException("byte budget must be positive, got " + byteBudget);
        }
        this.root = root;
        this.byteBudget = byteBudget;
        this.persists = persists;
    }

    /// Every cluster, [#DEFAULT_BYTE_BUDGET] each.
    public HistoryArchive(Path root) {
        this(root, DEFAULT_BYTE_BUDGET, cluster -> true);
    }

    public Path root() {
        return root;
    }

    /// Where `cluster`'s segments live.
    public Path directoryOf(String cluster) {
        return root.resolve(directoryName(cluster));
    }

    /// A directory name for a context name that is safe on every file system and names one
    /// context only: URL-encoded, with `*`, `.` and `~` escaped too, and upper-case letters as
    /// `~` + the lower-case letter, so case-insensitive file systems keep `Prod` and `prod` apart.
    public static String directoryName(String cluster) {
        String encoded = URLEncoder.encode(cluster, StandardCharsets.UTF_8);
        StringBuilder name = new StringBuilder(encoded.length() + 8);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean escape = i > 0 && encoded.charAt(i - 1) == '%' || i > 1 && encoded.charAt(i - 2) == '%';
            switch (c) {
                case '*' -> name.append("%2A");
                case '.' -> name.append("%2E");
                case '~' -> name.append("%7E");
                default -> {
                    if (!escape && c >= 'A' && c <= 'Z') {
                        name.append('~').append(Character.toLowerCase(c));
                    } else {
                        name.append(c);
                    }
                }
            }
        }
        if (name.isEmpty()) {
            return "%00";
        }
        // File names stop at 255 bytes; a long context name (an ARN, say) keeps a readable
        // start and a digest of the whole name.
        return name.length() <= MAX_NAME ? name.toString() : name.substring(0, MAX_NAME - 18) + "~~" + digest(cluster);
    }

    private static String digest(String cluster) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(cluster.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /// Restores `cluster`'s archived hours into `history` (call on its writer thread, before
    /// the cluster's first frame). Values older than the retention at `now`, or stamped after
    /// `now`, are left out; unusable segments are skipped and named in the result.
    public ArchiveLoad load(String cluster, FleetHistory history, Instant now) {
        long nowTick = history.tickOf(now);
        // Without anything loaded, the first flush covers the whole window: frames may be
        // stamped (or backfilled) well before the moment the cluster was first seen.
        flushFrom.remove(cluster);
        Path directory = directoryOf(cluster);
        if (!persists.test(cluster) || !Files.isDirectory(directory)) {
            return ArchiveLoad.nothing(cluster);
        }
        List<ArchiveProblem> problems = new ArrayList<>();
        long minTick = nowTick - history.config().capacity() + 1;
        long minHour = Math.floorDiv(history.timeOf(minTick).toEpochMilli(), HOUR_MILLIS);
        int segments = 0;
        Set<GpuKey> gpus = new HashSet<>();
        for (SegmentFile file : list(directory, problems)) {
            if (file.hourStartSecond() * 1000 / HOUR_MILLIS < minHour) {
                continue;
            }
            try {
                Segment segment = Segment.decode(Files.readAllBytes(file.path()));
                String mismatch = mismatch(segment, cluster, history.config());
                if (mismatch != null) {
                    problems.add(new ArchiveProblem(file.path(), mismatch + "; skipped"));
                    continue;
                }
                segments += SegmentRestore.restore(segment, history, minTick, nowTick, gpus) ? 1 : 0;
            } catch (Segment.Invalid invalid) {
                problems.add(new ArchiveProblem(file.path(), invalid.getMessage() + "; skipped, file left as it is"));
            } catch (IOException unreadable) {
                problems.add(new ArchiveProblem(file.path(), "could not be read (" + unreadable + "); skipped"));
            }
        }
        problems.forEach(problem -> skipped.add(problem.file()));
        if (segments > 0) {
            // Hours before the newest loaded one are on disk already; frames arriving now are
            // newer, but may be stamped a little before the moment the cluster reported.
            flushFrom.put(cluster, Math.min(history.newestTick(), nowTick - FIRST_FLUSH_MARGIN_TICKS));
        }
        return new ArchiveLoad(cluster, segments, gpus.size(), problems);
    }

    /// Copies the hours of `cluster` that changed since the last flush (on the calling thread,
    /// which must be `history`'s writer) and writes them in the background; the result
    /// completes once they are on disk, or exceptionally if writing failed (also logged).
    public CompletableFuture<Void> flush(String cluster, FleetHistory history) {
        long head = history.newestTick();
        if (!persists.test(cluster) || head == FleetHistory.NO_TICK) {
            return CompletableFuture.completedFuture(null);
        }
        long oldest = history.oldestTick();
        long from = flushFrom.getOrDefault(cluster, oldest);
        Long failed = failedFrom.remove(cluster);
        from = Math.max(oldest, failed == null ? from : Math.min(from, failed));
        long started = System.nanoTime();
        List<Segment> segments = SegmentRestore.copy(cluster, history, from, head);
        LOG.debug("Copied {} hour(s) of {}'s history in {} ms", segments.size(), cluster,
                (System.nanoTime() - started) / 1_000_000);
        flushFrom.put(cluster, head);
        // Hours the whole retention still covers stay on disk although the rings may keep them
        // only coarsely (or not at all): a restart restores them into the coarse tier.
        long keepAfterMillis = history.timeOf(head - history.config().capacity() + 1).toEpochMilli();
        long firstFrom = from;
        try {
            return CompletableFuture.runAsync(() -> write(cluster, segments, keepAfterMillis, firstFrom), writer);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the history archive is closed"));
        }
    }

    /// Completes once every write handed over before this call is done (the writer is one
    /// thread, so a no-op queued behind them runs after them).
    public CompletableFuture<Void> written() {
        try {
            return CompletableFuture.runAsync(() -> { }, writer);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /// Waits (up to a minute) for the writes already handed over, then stops the archive's thread.
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("Gave up waiting for metric history to be written to {}", root);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String cluster, List<Segment> segments, long keepAfterMillis, long from) {
        Path directory = directoryOf(cluster);
        try {
            Files.createDirectories(directory);
            for (Segment segment : segments) {
                writeAtomically(directory, segment);
            }
            evict(directory, keepAfterMillis);
        } catch (IOException | RuntimeException failed) {
            failedFrom.merge(cluster, from, Math::min);
            LOG.warn("Could not save the metric history of {} to {}: {}. It stays in memory; "
                    + "check free space and permissions there.", cluster, directory, failed.toString());
            throw new IllegalStateException("history of " + cluster + " not saved: " + failed, failed);
        }
    }

    private void writeAtomically(Path directory, Segment copied) throws IOException {
        long hourStart = Math.floorDiv(copied.firstTick() * copied.resolutionSeconds() * 1000, HOUR_MILLIS);
        String name = SegmentFile.nameOf(hourStart * HOUR_MILLIS / 1000);
        Segment segment = withSaved(directory.resolve(name), copied, hourStart);
        Path temporary = directory.resolve(name + ".tmp");
        ByteBuffer bytes = ByteBuffer.wrap(segment.encode());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Path target = directory.resolve(name);
        if (skipped.remove(target) && Files.exists(target)) {
            // A damaged or foreign segment of this hour may still be worth something to its owner.
            Path aside = directory.resolve(name + ".skipped");
            Files.move(target, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Kept the unreadable history segment {} as {}", target, aside.getFileName());
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(directory);
    }

    /// `copied` with the start of its hour that the file on disk still has and the rings no
    /// longer do (a fine ring shorter than an hour); `copied` itself when it starts with its
    /// hour, or the file is absent or one load skipped.
    private Segment withSaved(Path target, Segment copied, long hourStart) throws IOException {
        long hourFirstTick = Math.ceilDiv(hourStart * HOUR_MILLIS, copied.resolutionSeconds() * 1000L);
        if (copied.firstTick() <= hourFirstTick || skipped.contains(target) || !Files.exists(target)) {
            return copied;
        }
        try {
            return SegmentMerge.withOlder(Segment.decode(Files.readAllBytes(target)), copied);
        } catch (Segment.Invalid invalid) {
            LOG.warn("Replaced the unreadable history segment {}: {}", target, invalid.getMessage());
            return copied;
        }
    }

    /// Makes the rename itself durable where the platform allows opening a directory.
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a directory as a channel; its rename is durable enough.
        }
    }

    /// Deletes segments wholly before `keepAfterMillis`, then the oldest beyond the budget.
    private void evict(Path directory, long keepAfterMillis) throws IOException {
        List<SegmentFile> files = list(directory, new ArrayList<>());
        long total = 0;
        for (int i = files.size() - 1; i >= 0; i--) {
            SegmentFile file = files.get(i);
            boolean expired = (file.hourStartSecond() * 1000 + HOUR_MILLIS) <= keepAfterMillis;
            total += expired ? 0 : Files.size(file.path());
            if (expired || total > byteBudget) {
                Files.deleteIfExists(file.path());
                LOG.debug("Deleted history segment {} ({})", file.path(), expired ? "past retention" : "over budget");
            }
        }
    }

    private static List<SegmentFile> list(Path directory, List<ArchiveProblem> problems) {
        List<SegmentFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                SegmentFile.parse(entry).ifPresent(files::add);
            }
        } catch (IOException unreadable) {
            problems.add(new ArchiveProblem(directory, "could not be listed (" + unreadable + ")"));
        }
        files.sort(Comparator.comparingLong(SegmentFile::hourStartSecond));
        return files;
    }

    private static @Nullable String mismatch(Segment segment, String cluster, HistoryConfig config) {
        if (!segment.cluster().equals(cluster)) {
            return "belongs to cluster '" + segment.cluster() + "', not '" + cluster + "'";
        }
        if (segment.resolutionSeconds() * 1000L != config.resolutionMillis()) {
            return "recorded at " + segment.resolutionSeconds() + " s resolution, history now keeps "
                    + config.resolution().toSeconds() + " s";
        }
        if (!segment.metrics().equals(config.metrics())) {
            return "recorded metrics " + segment.metrics() + ", history now keeps " + config.metrics();
        }
        return null;
    }
}
