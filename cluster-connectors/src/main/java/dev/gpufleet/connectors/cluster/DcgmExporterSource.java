package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/// GPU telemetry from dcgm-exporter, read through the API server's pod proxy with the
/// connection's own credentials and TLS, so it works wherever `kubectl` works.
///
/// Each round scrapes every exporter pod the [ExporterLocator] names, in parallel on virtual
/// threads with at most `scrapeConcurrency` in flight, each bounded by `scrapeTimeout`. Each
/// scrape is attributed to the exporter pod's node (`spec.nodeName`). A scrape that fails
/// gives that node a problem and no GPUs; lines that cannot be parsed become the node's
/// problem while its GPUs still arrive.
public final class DcgmExporterSource implements TelemetrySource {

    /// What all parsers of one source may cache together. Each scrape of a big fleet reads a
    /// different exporter, so caches sized for re-reading one exporter (16 MiB each, 32 in
    /// flight) only filled the heap: 12,500 exporters made them hold some 500 MB.
    static final long PARSER_CACHE_BUDGET = 32L << 20;

    private final String cluster;
    private final ExporterLocator locator;
    private final ExporterScrape scrape;
    private final ConnectionOptions options;
    private final Clock clock;
    private final Semaphore inFlight;
    private final long parserCacheBytes;
    /// Parsers keep their label interners and series caches between rounds. Each exporter
    /// always takes its parser from the same shelf (by its name's hash), so a parser reads the
    /// same few nodes round after round and its cache holds just their series; a parser taken
    /// from any shelf would, over rounds, cache every node's series (some 20 MB each). Two
    /// exporters of one shelf scraped at the same moment each get a parser; only one goes back
    /// to the shelf, so the parsers kept stay one per shelf however long the console runs.
    private final List<Queue<ExpositionParser>> parsers;

    public DcgmExporterSource(String cluster, KubernetesClient client, ExporterLocator locator,
            ConnectionOptions options, Clock clock) {
        this.cluster = cluster;
        this.locator = locator;
        this.options = options;
        this.clock = clock;
        this.scrape = new ExporterScrape(client.getHttpClient(), client.getMasterUrl().toString(),
                options.exporterPort(), options.scrapeTimeout());
        this.inFlight = new Semaphore(options.scrapeConcurrency());
        this.parserCacheBytes = Math.max(1 << 20, PARSER_CACHE_BUDGET / options.scrapeConcurrency());
        List<Queue<ExpositionParser>> shelves = new ArrayList<>(options.scrapeConcurrency());
        for (int i = 0; i < options.scrapeConcurrency(); i++) {
            shelves.add(new ConcurrentLinkedQueue<>());
        }
        this.parsers = List.copyOf(shelves);
    }

    /// A source that finds exporter pods with a list call each round, for use without a
    /// [ClusterConnection] (whose pod watch already knows them).
    public static DcgmExporterSource listingExporters(String cluster, KubernetesClient client,
            ConnectionOptions options) {
        ExporterRegistry matcher = new ExporterRegistry(options);
        ExporterLocator locator = () -> {
            Map<String, ExporterPod> found = new java.util.HashMap<>();
            for (ExporterSelector selector : options.exporterSelectors()) {
                var pods = selector.namespace() == null
                        ? client.pods().inAnyNamespace().withLabels(selector.labels())
                        : client.pods().inNamespace(selector.namespace()).withLabels(selector.labels());
                for (Pod pod : pods.list().getItems()) {
                    ExporterPod exporter = matcher.match(pod);
                    if (exporter != null) {
                        found.put(ExporterRegistry.key(exporter.namespace(), exporter.name()), exporter);
                    }
                }
            }
            matcher.replaceAll(found);
            return matcher.exporters();
        };
        return new DcgmExporterSource(cluster, client, locator, options, Clock.systemUTC());
    }

    @Override
    public String describe() {
        return "dcgm-exporter via the API server's pod proxy (" + options.exporterScope() + ")";
    }

    @Override
    public TelemetryFrame collect() throws Exception {
        List<ExporterPod> exporters = locator.exporters();
        List<NodeTelemetry> nodes = new ArrayList<>(exporters.size());
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("gpufleet-scrape-" + cluster + "-", 0).factory())) {
            List<Future<NodeTelemetry>> scrapes = new ArrayList<>(exporters.size());
            for (ExporterPod pod : exporters) {
                // Taken before the thread starts, so 12,500 exporters make 32 threads at a time,
                // not 12,500 parked ones holding their stacks.
                inFlight.acquire();
                scrapes.add(threads.submit(() -> scrapeOne(pod)));
            }
            for (Future<NodeTelemetry> result : scrapes) {
                nodes.add(result.get());
            }
        } catch (ExecutionException bug) {
            throw new IllegalStateException("a scrape failed unexpectedly", bug.getCause());
        }
        return new TelemetryFrame(cluster, clock.instant(), nodes);
    }

    private NodeTelemetry scrapeOne(ExporterPod pod) throws InterruptedException {
        Queue<ExpositionParser> shelf = parsers.get(Math.floorMod(ExporterRegistry.key(pod.namespace(), pod.name())
                .hashCode(), parsers.size()));
        ExpositionParser parser = shelf.poll();
        try {
            return scrape.scrape(pod, parser != null ? parser : (parser = ExpositionParser.withCacheBytes(parserCacheBytes)));
        } finally {
            if (shelf.isEmpty()) {
                shelf.offer(parser);
            }
            inFlight.release();
        }
    }
}
