package dev.gpufleet.core.triage;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/// What one run of DCGM's diagnostics (`dcgmi diag -r N`) found on a node: every test by
/// category with each GPU's status and, where it did not pass, DCGM's explanation.
public record DiagnosticReport(String node, int level, String dcgmVersion, List<Test> tests) {

    public DiagnosticReport {
        Objects.requireNonNull(node, "node");
        tests = List.copyOf(tests);
    }

    /// A test's outcome on one GPU, ordered from good to bad.
    public enum Status {
        PASS, SKIP, WARN, FAIL;

        /// `Pass`, `Skip`, `Warn` or `Fail` as DCGM prints them; anything else is a warning.
        public static Status of(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "pass" -> PASS;
                case "skip", "not run", "notrun" -> SKIP;
                case "fail" -> FAIL;
                default -> WARN;
            };
        }
    }

    /// One GPU's result of a test; `gpu` is -1 for a test that covers the node as a whole.
    public record Result(int gpu, Status status, String message) {
    }

    public record Test(String category, String name, List<Result> results) {

        public Test {
            results = List.copyOf(results);
        }

        public Status worst() {
            return results.stream().map(Result::status).max(Comparator.naturalOrder()).orElse(Status.SKIP);
        }
    }

    /// The worst status of all tests.
    public Status overall() {
        return tests.stream().map(Test::worst).max(Comparator.naturalOrder()).orElse(Status.SKIP);
    }

    /// The GPUs that failed any test, in order.
    public List<Integer> failingGpus() {
        return tests.stream().flatMap(test -> test.results().stream())
                .filter(result -> result.status() == Status.FAIL && result.gpu() >= 0)
                .map(Result::gpu).distinct().sorted().toList();
    }
}
