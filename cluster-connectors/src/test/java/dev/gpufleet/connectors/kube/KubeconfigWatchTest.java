package dev.gpufleet.connectors.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Edits of the kubeconfig files while gpufleet runs: contexts that appear, go, or change their
/// server or credentials, files replaced by a rename as editors and `kubectl config` do, a file
/// of `KUBECONFIG` that appears later, and a file that stops parsing and is fixed again.
class KubeconfigWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
    private @Nullable KubeconfigWatch watch;

    private final KubeconfigWatch.Listener listener = new KubeconfigWatch.Listener() {
        @Override
        public void changed(Kubeconfig kubeconfig, KubeconfigChange change) {
            heard.add(change);
        }

        @Override
        public void failed(KubeconfigException problem) {
            heard.add(problem);
        }
    };

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
    }

    private static String config(String token, String... contexts) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String context : contexts) {
            yaml.append("- name: ").append(context).append("\n  cluster:\n    server: https://")
                    .append(context).append(".example:6443\n");
        }
        yaml.append("contexts:\n");
        for (String context : contexts) {
            yaml.append("- name: ").append(context).append("\n  context:\n    cluster: ").append(context)
                    .append("\n    user: ").append(context).append("\n");
        }
        yaml.append("users:\n");
        for (String context : contexts) {
            yaml.append("- name: ").append(context).append("\n  user:\n    token: ").append(token).append("\n");
        }
        return yaml.toString();
    }

    /// Writes `text` to a temporary file beside `file` and renames it over `file`.
    private static void replaceByRename(Path file, String text) throws Exception {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + System.nanoTime());
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Object next() throws InterruptedException {
        Object event = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("the watch reported a change within " + WAIT).isNotNull();
        return event;
    }

    private KubeconfigChange nextChange() throws InterruptedException {
        Object event = next();
        assertThat(event).isInstanceOf(KubeconfigChange.class);
        return (KubeconfigChange) event;
    }

    private KubeconfigLocation twoFiles(Path a, Path b) {
        return new KubeconfigLocation(null, a + File.pathSeparator + b, dir.resolve("home"));
    }

    @Test
    void addedRemovedAndChangedContextsAcrossTheFilesOfKubeconfig() throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, config("token-1", "prod-eu", "prod-us"));
        KubeconfigLocation location = twoFiles(a, b);
        watch = KubeconfigWatch.start(location, location.load(), listener, Duration.ofMinutes(1));

        Files.writeString(b, config("token-9", "lab"));
        assertThat(nextChange()).isEqualTo(new KubeconfigChange(List.of("lab"), List.of(), List.of()));

        replaceByRename(a, config("token-1", "prod-eu"));
        assertThat(nextChange()).isEqualTo(new KubeconfigChange(List.of(), List.of("prod-us"), List.of()));

        replaceByRename(a, config("token-2", "prod-eu"));
        assertThat(nextChange()).isEqualTo(new KubeconfigChange(List.of(), List.of(), List.of("prod-eu")));

        Files.writeString(b, config("token-9", "lab") + "# a comment changes nothing\n");
        assertThat(nextChange().isEmpty()).isTrue();
        assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).as("reading or touching is no change").isNull();
    }

    @Test
    void aFileThatStopsParsingIsReportedWithItsLineAndTheLastGoodSetStays() throws Exception {
        Path a = dir.resolve("config");
        Files.writeString(a, config("token-1", "prod-eu", "lab"));
        KubeconfigLocation location = new KubeconfigLocation(a, null, dir.resolve("home"));
        watch = KubeconfigWatch.start(location, location.load(), listener, Duration.ofMinutes(1));

        replaceByRename(a, config("token-1", "prod-eu", "lab").replace("contexts:", "contexts: : :"));
        Object problem = next();
        assertThat(problem).isInstanceOfSatisfying(KubeconfigException.class, bad -> {
            assertThat(bad.source()).isEqualTo(a.toString());
            assertThat(bad.line()).as("the contexts: line").isEqualTo(10);
        });

        replaceByRename(a, config("token-1", "prod-eu"));
        assertThat(nextChange()).as("compared with the last good set")
                .isEqualTo(new KubeconfigChange(List.of(), List.of("lab"), List.of()));
    }

    @Test
    void pollingAloneFindsChangesWhereTheFileSystemSendsNoEvents() throws Exception {
        Path a = dir.resolve("config");
        Files.writeString(a, config("token-1", "prod-eu"));
        KubeconfigLocation location = new KubeconfigLocation(a, null, dir.resolve("home"));
        watch = KubeconfigWatch.startPolling(location, location.load(), listener, Duration.ofMillis(200));

        Files.writeString(a, config("token-1", "prod-eu", "new-one"));
        assertThat(nextChange()).isEqualTo(new KubeconfigChange(List.of("new-one"), List.of(), List.of()));
    }

    @Test
    void theWatchOnlyReadsTheFiles() throws Exception {
        Path a = dir.resolve("config");
        Files.writeString(a, config("token-1", "prod-eu"));
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000L));
        byte[] before = Files.readAllBytes(a);
        KubeconfigLocation location = new KubeconfigLocation(a, null, dir.resolve("home"));
        watch = KubeconfigWatch.startPolling(location, location.load(), listener, Duration.ofMillis(50));
        Thread.sleep(300);
        watch.close();

        assertThat(Files.readAllBytes(a)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(a).toMillis()).isEqualTo(1_000_000_000L);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(a);
        }
        assertThat(heard).isEmpty();
    }
}
