package dev.gpufleet.connectors.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/// A kubeconfig user whose token comes from an exec credential plugin (the
/// `client.authentication.k8s.io/v1` ExecCredential protocol), as on GKE, EKS and AKS, run the
/// way a desktop launcher starts gpufleet: with a `PATH` that lacks the plugin's folder.
@DisabledOnOs(OS.WINDOWS)
class ExecPluginTest {

    private static final String CONTEXT = "exec-sim";
    private static final String PLUGIN = "gpufleet-test-auth-plugin";
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults()
            .withScrapeInterval(Duration.ofMillis(500))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

    private static SimulatorServer sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = SimulatorServer.start(new SimConfig(2, 2, 7, 0, SimConfig.DEFAULT_BIND_ADDRESS));
    }

    @AfterAll
    static void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    /// The simulator's kubeconfig with its token replaced by an exec plugin named `command`.
    private static String execKubeconfig(String command) {
        String yaml = sim.kubeconfigYaml(CONTEXT);
        assertThat(yaml).contains("    token: " + sim.token());
        return yaml.replace("    token: " + sim.token(), "    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1\n"
                + "      command: " + command + "\n"
                + "      args: [\"--cluster\", \"" + CONTEXT + "\"]\n"
                + "      interactiveMode: Never");
    }

    /// A plugin that prints an ExecCredential; it asks a helper beside it for the token, as
    /// real plugins call the cloud CLI, so it works only with the searched PATH.
    private Path installPlugin() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("opt").resolve("cloud-sdk").resolve("bin"));
        executable(bin.resolve("gpufleet-test-token-helper"), "#!/bin/sh\nprintf '%s' '" + sim.token() + "'\n");
        executable(bin.resolve(PLUGIN), """
                #!/bin/sh
                [ "$1" = "--cluster" ] || { echo "usage: %s --cluster NAME" >&2; exit 2; }
                token=$(gpufleet-test-token-helper) || exit 3
                printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%%s"}}' "$token"
                """.formatted(PLUGIN));
        return bin;
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /// A desktop session: a short PATH, and a login shell whose profile adds the plugin's folder.
    private CommandSearch desktopSearch(Path pluginFolder) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".profile"), "PATH=\"$PATH:" + pluginFolder + "\"\nexport PATH\n");
        return new CommandSearch(Map.of("PATH", "/usr/bin:/bin", "SHELL", "/bin/sh", "HOME", home.toString()),
                home, "Linux");
    }

    @Test
    void pluginOutsideTheLaunchersPathIsFoundThroughTheLoginShellAndItsTokenAccepted() throws Exception {
        Path bin = installPlugin();
        assertThat(System.getenv("PATH")).as("this test's own PATH lacks the plugin").doesNotContain(bin.toString());
        CommandSearch search = desktopSearch(bin);
        assertThat(search.find(PLUGIN)).hasValueSatisfying(found -> {
            assertThat(found.path()).isEqualTo(bin.resolve(PLUGIN));
            assertThat(found.outsideProcessPath()).isTrue();
        });
        Kubeconfig kubeconfig = Kubeconfig.fromText(execKubeconfig(PLUGIN), "exec kubeconfig").withCommandSearch(search);

        try (FleetStore store = new FleetStore();
                ClusterConnection connection = ClusterConnection.open(kubeconfig, CONTEXT, store, OPTIONS)) {
            connection.start();
            connection.ready().get(30, TimeUnit.SECONDS);
            assertThat(connection.status().state()).isEqualTo(ConnectionState.LIVE);
            assertThat(store.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow().nodes()).hasSize(2);
        }
    }

    @Test
    void withoutTheSearchTheSamePluginIsNotFound() throws Exception {
        Path bin = installPlugin();
        CommandSearch launcherOnly = new CommandSearch(Map.of("PATH", "/usr/bin:/bin"), dir.resolve("nohome"), "Linux");
        assertThat(launcherOnly.find(PLUGIN)).isEmpty();
        assertThat(launcherOnly.folders()).doesNotContain(bin);
    }

    @Test
    void missingPluginIsACredentialProblemNamingTheUserTheCommandAndWhereItLooked() throws Exception {
        Path emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
        CommandSearch search = new CommandSearch(Map.of("PATH", emptyBin.toString()), dir.resolve("home"), "Linux");
        String plugin = "gpufleet-test-uninstalled-auth-plugin";
        Kubeconfig kubeconfig = Kubeconfig.fromText(execKubeconfig(plugin), "exec kubeconfig")
                .withCommandSearch(search);

        assertThatThrownBy(() -> KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(KubeconfigException.class,
                        problem -> assertThat(problem.isCredentialProblem()).isTrue())
                .hasMessageStartingWith("The kubeconfig's user " + CONTEXT + " runs `" + plugin + "`, which is"
                        + " not on PATH (looked in " + emptyBin + ", /usr/local/bin, /opt/homebrew/bin, "
                        + dir.resolve("home/.local/bin") + ", " + dir.resolve("home/bin") + ", "
                        + dir.resolve("home/go/bin") + ", ")
                .hasMessageContaining("/usr/lib/google-cloud-sdk/bin, ")
                .hasMessageEndingWith("). Install it, or set its full path in the kubeconfig.");
    }

    @Test
    void pluginWithAPathThatIsNotThereSaysSo() throws Exception {
        String missing = dir.resolve("nowhere").resolve("aws-iam-authenticator").toString();
        Kubeconfig kubeconfig = Kubeconfig.fromText(execKubeconfig(missing), "exec kubeconfig");

        assertThatThrownBy(() -> KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(KubeconfigException.class)
                .hasMessageContaining("runs `" + missing + "`, which does not exist or is not executable");
    }

    @Test
    void pluginOnTheProcessPathKeepsTheKubeconfigsEnvironment() throws Exception {
        Path bin = installPlugin();
        CommandSearch search = new CommandSearch(Map.of("PATH", bin + File.pathSeparator + "/usr/bin"),
                dir.resolve("home"), "Linux");
        assertThat(search.find(PLUGIN)).hasValueSatisfying(found -> assertThat(found.outsideProcessPath()).isFalse());
        assertThat(search.loginShellPath()).as("no login shell asked when the plugin is on PATH").isEmpty();
    }
}
