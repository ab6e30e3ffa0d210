package dev.gpufleet.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// TLS and credentials against a real HTTPS server with its own CA: the simulated API server,
/// which is not a Prometheus, so a request that gets through TLS and authentication is
/// answered 404, and the message must say to give the API's base URL.
class PrometheusTlsAndAuthTest {

    @TempDir
    static Path dir;

    private static SimulatorServer sim;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(1, 1, 1, 0, SimConfig.DEFAULT_BIND_ADDRESS));
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private static PrometheusOptions options() {
        return PrometheusOptions.of(sim.baseUri()).withTimeout(Duration.ofSeconds(5));
    }

    private static String query(PrometheusOptions options) throws Exception {
        try (PrometheusClient client = new PrometheusClient(options)) {
            client.query("up");
            return "answered";
        } catch (PrometheusException failed) {
            return failed.getMessage();
        }
    }

    @Test
    void anUnknownCaIsAHandshakeFailureWithWhatToDo() throws Exception {
        assertThat(query(options().withAuth(new PrometheusAuth.Bearer(sim.token()))))
                .contains("TLS handshake with Prometheus at " + sim.baseUri())
                .contains("CA");
    }

    @Test
    void theCaFileAndTheTokenFileGetThrough() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), sim.caCertificatePem());
        Path token = Files.writeString(dir.resolve("token"), sim.token() + "\n");

        assertThat(query(options().withTls(PrometheusTls.caFile(ca)).withAuth(new PrometheusAuth.BearerFile(token))))
                .contains("(404").contains("Give the base URL of the query API");
    }

    @Test
    void caPemTextAndSkippingVerificationAlsoGetThrough() throws Exception {
        PrometheusAuth bearer = new PrometheusAuth.Bearer(sim.token());
        assertThat(query(options().withTls(new PrometheusTls(null, sim.caCertificatePem(), false)).withAuth(bearer)))
                .contains("(404");
        assertThat(query(options().withTls(PrometheusTls.insecure()).withAuth(bearer))).contains("(404");
    }

    @Test
    void refusedCredentialsAreNamedWithoutTheSecret() throws Exception {
        String answer = query(options().withTls(PrometheusTls.insecure())
                .withAuth(new PrometheusAuth.Basic("alice", "s3cret")));

        assertThat(answer).contains("refused the credentials sent as user \"alice\"").contains("(401")
                .doesNotContain("s3cret");
    }

    @Test
    void aMissingTokenFileIsNamed() throws Exception {
        Path missing = dir.resolve("no-such-token");
        assertThat(query(options().withAuth(new PrometheusAuth.BearerFile(missing))))
                .contains(missing.toString()).contains("could not be read");
    }

    @Test
    void aCaFileWithoutCertificatesIsNamed() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> new PrometheusClient(options().withTls(PrometheusTls.caFile(junk))))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining(junk.toString()).hasMessageContaining("PEM file");
    }
}
