package dev.gpufleet.core.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/// Reads the JSON `dcgmi diag -j` prints: DCGM 3.x's `"DCGM GPU Diagnostic"` and 4.x's
/// `"DCGM Diagnostic"` (whose tests carry a `test_summary` and `entity_id`s in place of
/// `gpu_id`s). The `Metadata` category gives the DCGM version and is not a test.
public final class DcgmDiagJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DcgmDiagJson() {
    }

    /// @throws IllegalArgumentException with what was wrong and the text's first line, when
    ///     `text` is not a DCGM diagnostic report (an error message, a crash, another format)
    public static DiagnosticReport parse(String node, int level, String text) {
        JsonNode root;
        try {
            int start = text.indexOf('{');
            root = start < 0 ? null : JSON.readTree(text.substring(start));
        } catch (IOException notJson) {
            root = null;
        }
        JsonNode diag = root == null ? null : root.has("DCGM GPU Diagnostic") ? root.get("DCGM GPU Diagnostic")
                : root.get("DCGM Diagnostic");
        if (diag == null || !diag.path("test_categories").isArray()) {
            String first = text.strip().lines().findFirst().orElse("(no output)");
            throw new IllegalArgumentException("the diagnostic printed no DCGM report; it said: " + first);
        }
        String version = diag.path("version").asText("");
        List<DiagnosticReport.Test> tests = new ArrayList<>();
        for (JsonNode category : diag.path("test_categories")) {
            String name = category.path("category").asText("");
            for (JsonNode test : category.path("tests")) {
                if (name.equals("Metadata")) {
                    if (test.path("name").asText("").equals("DCGM Version") && version.isEmpty()) {
                        version = test.path("results").path(0).path("status").asText("");
                    }
                    continue;
                }
                tests.add(new DiagnosticReport.Test(name, test.path("name").asText(""), results(test)));
            }
        }
        return new DiagnosticReport(node, level, version, tests);
    }

    private static List<DiagnosticReport.Result> results(JsonNode test) {
        List<DiagnosticReport.Result> results = new ArrayList<>();
        for (JsonNode result : test.path("results")) {
            String id = result.has("gpu_id") ? result.path("gpu_id").asText("-1") : result.path("entity_id").asText("-1");
            int gpu;
            try {
                gpu = Integer.parseInt(id.strip());
            } catch (NumberFormatException notAGpu) {
                gpu = -1;
            }
            results.add(new DiagnosticReport.Result(gpu, DiagnosticReport.Status.of(result.path("status").asText("")),
                    message(result)));
        }
        if (results.isEmpty() && test.has("test_summary")) {
            results.add(new DiagnosticReport.Result(-1,
                    DiagnosticReport.Status.of(test.path("test_summary").path("status").asText("")), ""));
        }
        return results;
    }

    private static String message(JsonNode result) {
        List<String> parts = new ArrayList<>();
        for (JsonNode warning : result.path("warnings")) {
            String text = warning.path("warning").asText(warning.path("message").asText(""));
            if (!text.isEmpty()) {
                parts.add(text);
            }
        }
        String info = result.path("info").isArray() ? "" : result.path("info").asText("");
        if (!info.isEmpty()) {
            parts.add(info);
        }
        return String.join(" ", parts);
    }
}
