package dev.gpufleet.connectors.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/// An exec plugin's token is renewed by running the plugin again once it is old, since fabric8
/// cannot re-run it for a client built from an in-memory kubeconfig.
class ExecTokensTest {

    @TempDir
    Path dir;

    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T07:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theTokenIsReusedUntilItIsOldThenThePluginRunsAgain() {
        SteppedClock clock = new SteppedClock();
        Deque<@Nullable String> answers = new ArrayDeque<>(List.of("second", ""));
        int[] runs = {0};
        ExecTokens tokens = new ExecTokens("first", () -> {
            runs[0]++;
            return answers.poll();
        }, Duration.ofMinutes(5), clock);

        assertThat(tokens.getToken()).isEqualTo("first");
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(tokens.getToken()).isEqualTo("first");
        assertThat(runs[0]).isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(tokens.getToken()).isEqualTo("second");
        assertThat(runs[0]).isEqualTo(1);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(tokens.getToken()).as("a run that yields nothing keeps the last token").isEqualTo("second");
        assertThat(runs[0]).isEqualTo(2);
        assertThat(tokens.toString()).doesNotContain("second");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aClientsConfigurationRunsTheRealPluginAgainForAFreshToken() throws Exception {
        Path counter = dir.resolve("runs");
        Path plugin = dir.resolve("counting-plugin");
        Files.writeString(plugin, "#!/bin/sh\nn=$(cat '" + counter + "' 2>/dev/null || echo 0)\nn=$((n+1))\n"
                + "echo $n > '" + counter + "'\n"
                + "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"token-%s\"}}' $n\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        Kubeconfig kubeconfig = Kubeconfig.fromText("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:9"}
                contexts:
                - name: c
                  context: {cluster: c, user: u}
                users:
                - name: u
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: %s
                """.formatted(plugin), "test kubeconfig");

        Config config = ClientConfigs.forContext(kubeconfig, "c");

        assertThat(config.getOauthTokenProvider()).isInstanceOf(ExecTokens.class);
        ExecTokens tokens = (ExecTokens) config.getOauthTokenProvider();
        assertThat(tokens.getToken()).isEqualTo("token-1");
        assertThat(tokens.runAgain()).isEqualTo("token-2");
        assertThat(Files.readString(counter).trim()).isEqualTo("2");
    }
}
