package dev.gpufleet.connectors.prometheus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/// A real `prometheus` server run as a child process for tests, on a free loopback port, with
/// its TSDB and log in a given folder.
final class PrometheusProcess implements AutoCloseable {

    static final String SKIP_LINE =
            "SKIPPED Prometheus tests: prometheus not found on PATH (apt-get install prometheus)";

    private final Process process;
    private final URI url;
    private final Path log;

    private PrometheusProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /// `/usr/bin/prometheus`, else the first `prometheus` on the PATH.
    static Optional<Path> binary() {
        Path debian = Path.of("/usr/bin/prometheus");
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static PrometheusProcess start(Path binary, Path config, Path dir, String... flags) throws IOException {
        return start(binary, config, dir, freePort(), flags);
    }

    /// As [#start(Path, Path, Path, String...)] on `port`: a restart at the same URL, over the same TSDB.
    static PrometheusProcess start(Path binary, Path config, Path dir, int port, String... flags) throws IOException {
        Path log = dir.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    URI url() {
        return url;
    }

    /// Polls `/api/v1/query?query=…` until the body satisfies `ready`; fails with the log's
    /// tail when the deadline passes or the process ends.
    String awaitQuery(String promql, Predicate<String> ready, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        String last = null;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < end) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + logTail());
                }
                try {
                    HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v1/query?query="
                            + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(2)).build();
                    last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                    if (ready.test(last)) {
                        return last;
                    }
                } catch (IOException notYet) {
                    last = notYet.toString();
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("prometheus did not answer " + promql + " as expected within " + deadline
                + " (last answer: " + last + "); log: " + logTail());
    }

    String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static void closeQuietly(@Nullable PrometheusProcess prometheus) throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
    }
}
