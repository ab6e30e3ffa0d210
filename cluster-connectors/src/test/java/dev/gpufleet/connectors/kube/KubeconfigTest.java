package dev.gpufleet.connectors.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    private static final String TOKEN = "very-secret-token-123";

    @TempDir
    Path home;

    private static String config(String current, String context, String cluster, String server, String user) {
        return """
                apiVersion: v1
                kind: Config
                current-context: %s
                clusters:
                - name: %s
                  cluster:
                    server: %s
                    certificate-authority: certs/ca.crt
                contexts:
                - name: %s
                  context:
                    cluster: %s
                    user: %s
                    namespace: team-a
                users:
                - name: %s
                  user:
                    token: %s
                """.formatted(current, cluster, server, context, cluster, user, user, TOKEN);
    }

    private Path write(String relative, String text) throws Exception {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheDefaultFileUnderHome() throws Exception {
        write(".kube/config", config("prod", "prod", "prod-cluster", "https://10.0.0.1:6443", "ana"));

        Kubeconfig kubeconfig = Kubeconfig.discover(null, null, home);

        assertThat(kubeconfig.currentContext()).isEqualTo("prod");
        assertThat(kubeconfig.contexts()).containsExactly(new KubeContext("prod", "prod-cluster",
                "https://10.0.0.1:6443", "ana", "team-a", "~" + File.separator + ".kube" + File.separator + "config"));
        assertThat(kubeconfig.contexts().toString()).doesNotContain(TOKEN);
    }

    @Test
    void noKubeconfigAnywhereMeansNoContexts() throws Exception {
        Kubeconfig kubeconfig = Kubeconfig.discover(null, null, home);

        assertThat(kubeconfig.contexts()).isEmpty();
        assertThat(kubeconfig.isEmpty()).isTrue();
        assertThat(kubeconfig.currentContext()).isNull();
    }

    @Test
    void mergesTheKubeconfigPathListLikeKubectl() throws Exception {
        Path first = write("a.yaml", config("", "shared", "c1", "https://first", "u1")
                .replace("current-context: \n", ""));
        Path second = write("b.yaml", config("only-b", "shared", "c1", "https://second", "u2")
                + "- name: extra\n  user: {}\n");
        Path third = write("c.yaml", config("from-c", "only-c", "c3", "https://third", "u3"));
        String list = String.join(File.pathSeparator, first.toString(), "", home.resolve("missing.yaml").toString(),
                second.toString(), third.toString(), first.toString());

        Kubeconfig kubeconfig = Kubeconfig.discover(null, list, home.resolve("elsewhere"));

        assertThat(kubeconfig.contexts()).extracting(KubeContext::name).containsExactly("shared", "only-c");
        assertThat(kubeconfig.context("shared").orElseThrow().server()).isEqualTo("https://first");
        assertThat(kubeconfig.context("shared").orElseThrow().user()).isEqualTo("u1");
        assertThat(kubeconfig.currentContext()).isEqualTo("only-b");
        assertThat(kubeconfig.sources()).containsExactly(first.toString(), second.toString(), third.toString());
    }

    @Test
    void theFlagWinsOverTheVariable() throws Exception {
        Path flag = write("flag.yaml", config("f", "f", "fc", "https://flag", "fu"));
        Path env = write("env.yaml", config("e", "e", "ec", "https://env", "eu"));

        Kubeconfig kubeconfig = Kubeconfig.discover(flag, env.toString(), home);

        assertThat(kubeconfig.contexts()).extracting(KubeContext::name).containsExactly("f");
    }

    @Test
    void brokenYamlNamesTheFileTheLineAndTheFix() throws Exception {
        write(".kube/config", """
                apiVersion: v1
                clusters:
                - cluster:
                    server: https://10.0.0.1
                  name: a
                contexts:
                - context: cluster: a
                  name: a
                """);

        assertThatThrownBy(() -> Kubeconfig.discover(null, null, home))
                .isInstanceOf(KubeconfigException.class)
                .hasMessage("~" + File.separator + ".kube" + File.separator + "config: line 7: mapping values are not"
                        + " allowed here — fix the YAML or pass --kubeconfig")
                .satisfies(e -> assertThat(((KubeconfigException) e).line()).isEqualTo(7));
    }

    @Test
    void aMissingFlagFileSaysSo() {
        Path missing = Path.of("/nonexistent/kubeconfig.yaml");

        assertThatThrownBy(() -> Kubeconfig.discover(missing, null, home))
                .hasMessage("/nonexistent/kubeconfig.yaml: no such file — check the path given to --kubeconfig");
    }

    @Test
    void wrongShapesAreNamed() throws Exception {
        Path list = write("list.yaml", "- just\n- a list\n");
        Path badContexts = write("ctx.yaml", "contexts: nope\n");
        Path nameless = write("nameless.yaml", "clusters:\n- cluster: {server: x}\n");

        assertThatThrownBy(() -> Kubeconfig.discover(list, null, home)).hasMessageContaining("is not a kubeconfig");
        assertThatThrownBy(() -> Kubeconfig.discover(badContexts, null, home))
                .hasMessageContaining("\"contexts\" should be a list");
        assertThatThrownBy(() -> Kubeconfig.discover(nameless, null, home))
                .hasMessageContaining("clusters[0] has no name");
    }

    @Test
    void emptyFileHasNoContexts() throws Exception {
        Path empty = write("empty.yaml", "");

        assertThat(Kubeconfig.discover(empty, null, home).contexts()).isEmpty();
    }

    @Test
    void textKubeconfigIsNamedInErrors() throws Exception {
        Kubeconfig fromText = Kubeconfig.fromText(config("demo", "demo", "sim", "https://127.0.0.1:1", "admin"),
                "demo fleet");

        assertThat(fromText.contexts()).singleElement().satisfies(c -> assertThat(c.source()).isEqualTo("demo fleet"));
        assertThatThrownBy(() -> Kubeconfig.fromText("a: [", "demo fleet"))
                .hasMessageStartingWith("demo fleet: line ")
                .hasMessageEndingWith("— fix the kubeconfig text");
    }

    @Test
    void clientConfigResolvesRelativePathsAgainstTheDefiningFile() throws Exception {
        Path file = write("conf/kubeconfig", config("prod", "prod", "pc", "https://10.0.0.1:6443", "ana"));
        Kubeconfig kubeconfig = Kubeconfig.discover(file, null, home);

        Config config = ClientConfigs.forContext(kubeconfig, "prod");

        assertThat(config.getMasterUrl()).startsWith("https://10.0.0.1:6443");
        assertThat(config.getNamespace()).isEqualTo("team-a");
        assertThat(config.getCaCertFile()).isEqualTo(home.resolve("conf/certs/ca.crt").toString());
        assertThat(config.getAutoOAuthToken()).isEqualTo(TOKEN);
        assertThat(config.getFile()).isNull();
    }

    @Test
    void clientConfigRefusesUnknownContextsAndDanglingReferences() throws Exception {
        Path file = write("k.yaml", config("prod", "prod", "pc", "https://x", "ana"));
        Files.writeString(file, Files.readString(file).replace("contexts:\n", """
                contexts:
                - name: dangling
                  context:
                    cluster: nowhere
                    user: ana
                """));
        Kubeconfig kubeconfig = Kubeconfig.discover(file, null, home);

        assertThatThrownBy(() -> ClientConfigs.forContext(kubeconfig, "staging"))
                .hasMessageContaining("there is no context named \"staging\"")
                .hasMessageContaining("[dangling, prod]");
        assertThatThrownBy(() -> ClientConfigs.forContext(kubeconfig, "dangling"))
                .hasMessageContaining("context \"dangling\" uses cluster \"nowhere\", which no kubeconfig file defines")
                .hasMessageNotContaining(TOKEN);
    }
}
