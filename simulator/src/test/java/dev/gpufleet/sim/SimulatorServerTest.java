package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/// The public API the app calls: start, address, credentials, kubeconfig, close.
@Timeout(60)
class SimulatorServerTest {

    private static SimulatorServer sim;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(SimConfig.defaults().withNodes(4));
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void servesOnLoopbackWithAFreshTokenAndCa() {
        assertThat(sim.port()).isPositive();
        assertThat(sim.baseUri().toString()).isEqualTo("https://127.0.0.1:" + sim.port());
        assertThat(sim.token()).startsWith("gpufleet-sim.").hasSizeGreaterThan(40);
        assertThat(sim.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
        assertThat(sim.summary()).startsWith("4 nodes, 32 GPUs, ");
    }

    @Test
    void kubeconfigCarriesServerCaTokenAndContext() {
        String yaml = sim.kubeconfigYaml("lab \"sim\"");
        Config config = Config.fromKubeconfig(yaml);

        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:" + sim.port());
        // fabric8 8 files a kubeconfig token under the "auto" token
        assertThat(config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken())
                .isEqualTo(sim.token());
        assertThat(config.getCurrentContext().getName()).isEqualTo("lab \"sim\"");
        assertThat(yaml).contains("certificate-authority-data: "
                + Base64.getEncoder().encodeToString(sim.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> sim.kubeconfigYaml(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheKubeconfigAtomicallyForTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/sim.kubeconfig");
        sim.writeKubeconfig(file, SimulatorServer.DEFAULT_CONTEXT);
        sim.writeKubeconfig(file, SimulatorServer.DEFAULT_CONTEXT);

        assertThat(Files.readString(file)).isEqualTo(sim.kubeconfigYaml(SimulatorServer.DEFAULT_CONTEXT));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aTakenPortIsReportedWithTheFix() {
        assertThatThrownBy(() -> SimulatorServer.start(SimConfig.defaults().withNodes(1).withPort(sim.port())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.1:" + sim.port())
                .hasMessageContaining("choose another port, or 0 for any free one");
    }

    @Test
    void closeStopsAnswering() throws Exception {
        SimulatorServer other = SimulatorServer.start(SimConfig.defaults().withNodes(1));
        try (SimHttp http = new SimHttp(other)) {
            assertThat(http.get("/version").statusCode()).isEqualTo(200);
            other.close();
            assertThatThrownBy(() -> http.get("/version")).isInstanceOf(IOException.class);
        }
    }
}
