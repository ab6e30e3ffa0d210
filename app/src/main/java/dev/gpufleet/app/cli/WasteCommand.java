package dev.gpufleet.app.cli;

import dev.gpufleet.app.CapacitySettings;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.core.capacity.WasteReportCsv;
import dev.gpufleet.core.capacity.WasteReportJson;
import dev.gpufleet.core.capacity.WasteReportMarkdown;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.store.FleetStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet report waste`: connect like `snapshot`, watch the fleet for `--since`, feeding
/// every published snapshot to a [WasteLedger], then print where the GPU-hours went. With
/// `--prometheus` the window is the past one instead, up to 31 days, read step by step from
/// Prometheus range queries over today's inventory ([PastWindow]).
@Command(name = "waste", mixinStandardHelpOptions = true,
        description = {"Watch the fleet for a window and report where its GPU-hours went: used, underused,"
                + " idle-allocated, stranded (free but unusable by any pending GPU pod), free, out of service"
                + " (failing, cordoned, not Ready) and unknown (no fresh telemetry); with cost, energy, roll-ups"
                + " by cluster, pool, node, namespace and workload, hourly trend, top wasters and pending GPU pods.",
            "With --prometheus URL the window is the past --since (up to 31d, e.g. 7d), read from Prometheus range"
                + " queries step by step, instead of watched live (up to 1h). Stranded is then not known (Prometheus"
                + " keeps no pending pods) and is counted as free; cordons of the past are not known either.",
            "Prices come from gpu-prices.json in the settings directory (or --prices); the built-in ones are"
                + " placeholders."})
public final class WasteCommand implements Callable<Integer> {

    /// The longest window a live observation may take.
    static final Duration MAX_WINDOW = Duration.ofHours(1);

    enum Format { csv, json, md }

    @Spec
    CommandSpec spec;

    @Mixin
    FleetTarget target;

    @Mixin
    PrometheusFlags prometheus;

    @Option(names = "--since", defaultValue = "1m", paramLabel = "D",
            description = "How long to watch the fleet, up to 1h, e.g. 30s or 15m; with --prometheus the past window,"
                    + " up to 31d, e.g. 7d (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--step", paramLabel = "D",
            description = "With --prometheus: the step of the range queries (default: 15s, or coarser so that the"
                    + " window has at most 10,000 steps: 2m for 7d).")
    @Nullable String step;

    @Option(names = "--format", defaultValue = "md", description = "csv, json or md (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--idle-below", defaultValue = "5", paramLabel = "PERCENT",
            description = "Allocated GPUs less active than this are idle-allocated (default: ${DEFAULT-VALUE}).")
    double idleBelow;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "GPU prices, JSON of model → dollars per GPU-hour (default: gpu-prices.json in the settings directory).")
    @Nullable Path pricesFile;

    @Override
    public Integer call() throws InterruptedException {
        boolean fromHistory = prometheus.url != null;
        Duration window = window(fromHistory);
        Duration pastStep = fromHistory ? PastWindow.step(window, step == null ? null : Durations.parse(step, "--step"))
                : null;
        if (!fromHistory && step != null) {
            throw new UserError("report waste: --step is for a past window read from Prometheus. Add --prometheus URL,"
                    + " or leave --step out.");
        }
        WasteSettings settings = settings();
        GpuPrices prices = prices();
        ConnectionOptions options = prometheus.connectionOptions("report waste");
        if (!fromHistory) {
            options = options.withScrapeInterval(scrapeInterval(window, options.scrapeInterval()));
        }
        try (FleetTarget.Connected connected = fromHistory
                ? target.connect("report waste", options, PastWindow.store())
                : target.connect("report waste", options)) {
            connected.failures().forEach(spec.commandLine().getErr()::println);
            WasteLedger ledger = new WasteLedger(settings, prices);
            WasteReport report = pastStep != null
                    ? PastWindow.account(connected, Objects.requireNonNull(options.prometheus()), ledger, window, pastStep,
                            spec.commandLine().getErr())
                    : observe(connected.session().store(), ledger, window);
            print(report);
            spec.commandLine().getErr().flush();
            return connected.failures().isEmpty() ? 0 : 1;
        }
    }

    private static WasteReport observe(FleetStore store, WasteLedger ledger, Duration window) throws InterruptedException {
        try (AutoCloseable subscription = store.subscribe(ledger::accept)) {
            ledger.accept(store.sync().get(10, TimeUnit.SECONDS));
            Thread.sleep(window);
            ledger.accept(store.sync().get(10, TimeUnit.SECONDS));
            subscription.close();
            ledger.advanceTo(Instant.now());
            return ledger.report();
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("report waste: the fleet store did not answer: " + e.getMessage(), 1);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("report waste: could not stop watching the fleet", e);
        }
    }

    /// Scrape often enough for a short window to see several frames, never more than the default.
    static Duration scrapeInterval(Duration window, Duration usual) {
        Duration sixth = window.dividedBy(6);
        Duration floor = Duration.ofSeconds(1);
        Duration wanted = sixth.compareTo(floor) < 0 ? floor : sixth;
        return wanted.compareTo(usual) < 0 ? wanted : usual;
    }

    private Duration window(boolean fromHistory) {
        Duration window = Durations.parse(since, "--since");
        if (fromHistory && window.compareTo(PastWindow.MAX_WINDOW) > 0) {
            throw new UserError("report waste: --since " + since + " is longer than the "
                    + PastWindow.MAX_WINDOW.toDays() + "d a report of the past may cover (its hourly trend keeps "
                    + PastWindow.MAX_WINDOW.toDays() + " days). Pass --since " + PastWindow.MAX_WINDOW.toDays()
                    + "d or less.");
        }
        if (!fromHistory && window.compareTo(MAX_WINDOW) > 0) {
            throw new UserError("report waste: --since " + since + " is longer than the 1h a live observation may take."
                    + " Pass --since 1h or less, or --prometheus URL to read up to "
                    + PastWindow.MAX_WINDOW.toDays() + "d of the past from Prometheus.");
        }
        return window;
    }

    private WasteSettings settings() {
        if (!(idleBelow >= 0 && idleBelow <= 100)) {
            throw new UserError("report waste: --idle-below " + idleBelow + " is not a percentage. Pass 0 to 100, e.g. 5.");
        }
        return WasteSettings.defaults().withIdleBelowPercent(idleBelow);
    }

    private GpuPrices prices() {
        Path file = pricesFile != null ? pricesFile : CapacitySettings.defaultPricesFile();
        if (pricesFile != null && !Files.isRegularFile(pricesFile)) {
            throw new UserError("report waste: --prices " + pricesFile + " is not a file. Name a JSON file such as"
                    + " {\"H100\": 2.49, \"default\": 1.50}, or leave --prices out for the settings directory's.");
        }
        try {
            return CapacitySettings.loadPrices(file);
        } catch (IOException e) {
            throw new UserError("report waste: cannot read the GPU prices in " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError("report waste: " + e.getMessage());
        }
    }

    private void print(WasteReport report) {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case csv -> WasteReportCsv.write(report, out);
            case json -> WasteReportJson.write(report, out);
            case md -> WasteReportMarkdown.write(report, out);
        }
        out.flush();
    }
}
