package dev.gpufleet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/// `.github/workflows/installers.yml` cannot run here, so this reads it as GitHub would: valid
/// YAML, only keys the workflow syntax defines (a misspelt key is silently ignored by GitHub),
/// every step either an action or a script, and each OS building its own installers.
class InstallersWorkflowTest {

    private static final Path WORKFLOW = Path.of("../.github/workflows/installers.yml");

    /// Keys of a job and of a step in GitHub Actions' workflow syntax.
    private static final Set<String> JOB_KEYS = Set.of("name", "runs-on", "needs", "if", "permissions",
            "environment", "concurrency", "outputs", "env", "defaults", "steps", "timeout-minutes", "strategy",
            "continue-on-error", "container", "services", "uses", "with", "secrets");
    private static final Set<String> STEP_KEYS = Set.of("id", "if", "name", "uses", "run", "shell", "with", "env",
            "working-directory", "continue-on-error", "timeout-minutes");

    private static Map<String, Object> workflow;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        assertThat(WORKFLOW).as("the installers workflow").isRegularFile();
        workflow = new YAMLMapper().readValue(Files.readString(WORKFLOW), Map.class);
    }

    @Test
    void runsOnVersionTagsAndByHand() {
        assertThat(workflow).containsOnlyKeys("name", "on", "permissions", "jobs");
        Map<String, Object> on = map(workflow, "on");
        assertThat(on).containsKeys("push", "workflow_dispatch");
        assertThat(list(map(on, "push"), "tags")).containsExactly("v*");
    }

    @Test
    void everyJobAndStepUsesOnlyKnownKeys() {
        for (Map.Entry<String, Object> job : map(workflow, "jobs").entrySet()) {
            Map<String, Object> body = asMap(job.getValue());
            assertThat(body.keySet()).as("keys of job %s", job.getKey()).isSubsetOf(JOB_KEYS);
            assertThat(body).as("job %s", job.getKey()).containsKeys("runs-on", "steps");
            for (Object step : list(body, "steps")) {
                Map<String, Object> s = asMap(step);
                assertThat(s.keySet()).as("keys of a step of %s: %s", job.getKey(), s).isSubsetOf(STEP_KEYS);
                assertThat(s.containsKey("uses") ^ s.containsKey("run"))
                        .as("a step of %s has either uses or run: %s", job.getKey(), s).isTrue();
                if (s.containsKey("uses")) {
                    assertThat((String) s.get("uses")).as("actions are pinned to a major version")
                            .matches("[\\w.-]+/[\\w.-]+@v\\d+");
                }
            }
        }
    }

    @Test
    void eachOperatingSystemBuildsItsOwnInstallers() {
        Map<String, Object> build = map(map(workflow, "jobs"), "build");
        List<Object> include = list(map(map(build, "strategy"), "matrix"), "include");
        List<String> seen = new ArrayList<>();
        for (Object entry : include) {
            Map<String, Object> row = asMap(entry);
            String os = (String) row.get("os");
            String kinds = (String) row.get("kinds");
            seen.add(os.replaceAll("-.*", "") + ": " + kinds);
        }
        assertThat(seen).containsExactlyInAnyOrder(
                "ubuntu: app-image deb rpm", "macos: app-image dmg", "windows: app-image msi");
        assertThat(build.get("runs-on")).isEqualTo("${{ matrix.os }}");
        assertThat(scripts(build)).anyMatch(run -> run.contains("packaging/build-installers.sh ${{ matrix.kinds }}"));
        assertThat(scripts(build)).anyMatch(run -> run.contains("packaging/smoke-test.sh"));
    }

    @Test
    void buildsWithTemurin25AndUploadsTheInstallers() {
        Map<String, Object> build = map(map(workflow, "jobs"), "build");
        Map<String, Object> java = step(build, "actions/setup-java@");
        assertThat(map(java, "with")).containsEntry("distribution", "temurin").containsEntry("java-version", "25");
        Map<String, Object> upload = step(build, "actions/upload-artifact@");
        assertThat(map(upload, "with")).containsEntry("path", "packaging/target/installers/*");
        assertThat(scripts(build)).anyMatch(run -> run.contains("dotnet tool install --global wix --version 5."));
    }

    @Test
    void releaseJobAttachesEveryInstallerOnTagsOnly() {
        Map<String, Object> release = map(map(workflow, "jobs"), "release");
        assertThat(release).containsEntry("needs", "build");
        assertThat((String) release.get("if")).contains("refs/tags/v");
        assertThat(map(release, "permissions")).containsEntry("contents", "write");
        Map<String, Object> download = step(release, "actions/download-artifact@");
        assertThat(map(download, "with")).containsEntry("pattern", "installers-*").containsEntry("merge-multiple", true);
        assertThat(scripts(release)).anyMatch(run -> run.contains("gh release upload"));
    }

    private static Map<String, Object> step(Map<String, Object> job, String usesPrefix) {
        return list(job, "steps").stream().map(InstallersWorkflowTest::asMap)
                .filter(s -> String.valueOf(s.get("uses")).startsWith(usesPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no step uses " + usesPrefix));
    }

    private static List<String> scripts(Map<String, Object> job) {
        return list(job, "steps").stream().map(InstallersWorkflowTest::asMap)
                .filter(s -> s.containsKey("run")).map(s -> (String) s.get("run")).toList();
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        Object value = parent.get(key);
        return value == null ? Map.of() : asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as("%s is a list", key).isInstanceOf(List.class);
        return (List<Object>) parent.get(key);
    }
}
