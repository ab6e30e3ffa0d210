package dev.gpufleet.app.cli;

import dev.gpufleet.app.ConsolePlan;
import dev.gpufleet.app.DeviceTarget;
import dev.gpufleet.app.ScreenshotRenderer;
import dev.gpufleet.views.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet screenshot`: renders a view of the console to a PNG without anyone at the screen.
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = {"Render a view of the console to a PNG file.",
            "Needs a display; on a headless machine run it under xvfb-run."})
public final class ScreenshotCommand implements Callable<Integer> {

    enum View { fleet, node, device, rebalance }

    /// Mirrors the views' `Theme` so that building the command line loads no JavaFX class.
    enum Look { dark, light }

    @Spec
    CommandSpec spec;

    @Mixin
    FleetTarget target;

    @Option(names = "--view", required = true, description = "fleet, node, device or rebalance.")
    View view;

    @Option(names = "--gpu", paramLabel = "NODE/INDEX",
            description = "With --view device: the GPU to show (default: the first GPU with MIG instances).")
    @org.jspecify.annotations.Nullable String gpu;

    @Option(names = "--node", paramLabel = "NODE",
            description = "With --view node: the node to show (default: the node of the most urgent GPU).")
    @org.jspecify.annotations.Nullable String node;

    @Option(names = "--cluster", paramLabel = "CONTEXT",
            description = "With --view rebalance: the cluster to plan for (default: the first connected).")
    @org.jspecify.annotations.Nullable String cluster;

    @Option(names = "--probe", description = "With --view node: first read the node's topology with nvidia-smi "
            + "(creates and deletes a short-lived pod on the node).")
    boolean probe;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--theme", defaultValue = "dark", description = "dark or light (default: ${DEFAULT-VALUE}).")
    Look look;

    @Option(names = "--size", defaultValue = "1480x920", paramLabel = "WxH",
            description = "Window size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Override
    public Integer call() throws InterruptedException {
        if ((node != null || probe) && view != View.node) {
            throw new UserError("screenshot: --node and --probe go with --view node.");
        }
        if (cluster != null && view != View.rebalance) {
            throw new UserError("screenshot: --cluster goes with --view rebalance.");
        }
        if (view == View.node) {
            return nodeView();
        }
        if (view == View.rebalance) {
            return renderWith((connected, theme, width, height) -> ScreenshotRenderer.renderRebalance(
                    connected.session(), theme, cluster, width, height, out).thenApply(shown -> "rebalance of " + shown));
        }
        if (gpu != null) {
            if (view != View.device) {
                throw new UserError("screenshot: --gpu goes with --view device.");
            }
            try {
                DeviceTarget.checkSpec(gpu);
            } catch (IllegalArgumentException e) {
                throw new UserError("screenshot: " + e.getMessage() + ".");
            }
        }
        return view == View.device ? device() : fleet();
    }

    /// One rendering: connect, render with `renderer`, report what it showed.
    private interface Renderer {
        CompletableFuture<String> render(FleetTarget.Connected connected, Theme theme, double width, double height);
    }

    private int fleet() throws InterruptedException {
        return renderWith((connected, theme, width, height) -> ScreenshotRenderer.render(connected.session(),
                ConsolePlan.forConnected(connected.session().kubeconfig(), connected.clusters()), theme, width, height,
                out).thenApply(cells -> cells + " GPU cells"));
    }

    private int device() throws InterruptedException {
        return renderWith((connected, theme, width, height) -> ScreenshotRenderer.renderDevice(connected.session(),
                ConsolePlan.forConnected(connected.session().kubeconfig(), connected.clusters()), theme, width, height,
                gpu, out).thenApply(shown -> "device view of " + shown));
    }

    private int nodeView() throws InterruptedException {
        return renderWith((connected, theme, width, height) -> ScreenshotRenderer.renderNode(connected.session(), theme,
                node, probe, width, height, out).thenApply(shown -> "node " + shown));
    }

    private int renderWith(Renderer renderer) throws InterruptedException {
        double[] dimensions = parseSize();
        Duration limit = target.timeout();
        try (FleetTarget.Connected connected = target.connect("screenshot")) {
            connected.failures().forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            Theme theme = look == Look.light ? Theme.LIGHT : Theme.DARK;
            String shown = renderer.render(connected, theme, dimensions[0], dimensions[1])
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            spec.commandLine().getOut().printf("Wrote %s (%s)%n", out, shown);
            spec.commandLine().getOut().flush();
            return connected.failures().isEmpty() ? 0 : 1;
        } catch (ExecutionException e) {
            throw new UserError("screenshot: rendering failed: " + e.getCause().getMessage(), 1);
        } catch (TimeoutException e) {
            throw new UserError("screenshot: the " + view + " view did not render within " + limit.toSeconds()
                    + " s.", 1);
        } finally {
            Platform.exit();
        }
    }

    private double[] parseSize() {
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                double width = Integer.parseInt(parts[0].trim());
                double height = Integer.parseInt(parts[1].trim());
                if (width >= 320 && height >= 240 && width <= 8192 && height <= 8192) {
                    return new double[] {width, height};
                }
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new UserError("screenshot: --size '" + size + "' is not a size. Write it as WIDTHxHEIGHT, "
                + "e.g. 1480x920, between 320x240 and 8192x8192.");
    }
}
