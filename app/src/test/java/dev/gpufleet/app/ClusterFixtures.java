package dev.gpufleet.app;

import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/// Kubeconfig files for tests with many contexts: each context its own cluster and user entry,
/// pointing at a simulator with one of its users' tokens, a made-up token, a closed port, or an
/// exec credential plugin.
final class ClusterFixtures {

    /// One context as a kubeconfig file holds it.
    record Context(String name, String server, String caPem, String userBody) {
    }

    private ClusterFixtures() {
    }

    static Context token(String name, SimulatorServer sim, SimUser user) {
        return new Context(name, sim.baseUri().toString(), sim.caCertificatePem(), "    token: " + sim.token(user) + "\n");
    }

    static Context token(String name, SimulatorServer sim, String token) {
        return new Context(name, sim.baseUri().toString(), sim.caCertificatePem(), "    token: " + token + "\n");
    }

    static Context exec(String name, SimulatorServer sim, String command) {
        return new Context(name, sim.baseUri().toString(), sim.caCertificatePem(), "    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1\n"
                + "      command: " + command + "\n"
                + "      interactiveMode: Never\n");
    }

    static Context closedPort(String name, int port, String caPem) {
        return new Context(name, "https://127.0.0.1:" + port, caPem, "    token: not-needed-anywhere\n");
    }

    static String yaml(List<Context> contexts) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (Context context : contexts) {
            yaml.append("- name: ").append(context.name()).append("\n  cluster:\n    server: ")
                    .append(context.server()).append("\n    certificate-authority-data: ")
                    .append(Base64.getEncoder().encodeToString(context.caPem().getBytes(StandardCharsets.US_ASCII)))
                    .append('\n');
        }
        yaml.append("contexts:\n");
        for (Context context : contexts) {
            yaml.append("- name: ").append(context.name()).append("\n  context:\n    cluster: ")
                    .append(context.name()).append("\n    user: ").append(context.name()).append("-user\n");
        }
        yaml.append("current-context: ").append(contexts.getFirst().name()).append("\nusers:\n");
        for (Context context : contexts) {
            yaml.append("- name: ").append(context.name()).append("-user\n  user:\n").append(context.userBody());
        }
        return yaml.toString();
    }

    static List<Context> without(List<Context> contexts, String name) {
        List<Context> rest = new ArrayList<>(contexts);
        rest.removeIf(context -> context.name().equals(name));
        return rest;
    }

    /// An exec plugin that fails after printing a line holding `token`, as a plugin's error
    /// output sometimes quotes the credential it could not refresh.
    static void installFailingPlugin(Path bin, String name, String token) throws Exception {
        Files.createDirectories(bin);
        Path plugin = bin.resolve(name);
        Files.writeString(plugin, "#!/bin/sh\necho 'error: the refresh of token " + token + " was refused'\nexit 1\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    }

    /// An exec plugin printing an ExecCredential with `token`, in its own folder `bin`.
    static void installPlugin(Path bin, String name, String token) throws Exception {
        Files.createDirectories(bin);
        Path plugin = bin.resolve(name);
        Files.writeString(plugin, "#!/bin/sh\nprintf '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}' '" + token + "'\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    }
}
