package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.NodePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/// What `dcgmi diag -r N -j` prints on a simulated node: DCGM 3.x's JSON report (`"DCGM GPU
/// Diagnostic"` → `test_categories` → `tests` → per-GPU `results` with `status` and, on a
/// failure, `warnings`), with the tests of run level N (1: deployment; 2: + PCIe and GPU memory;
/// 3 and 4: + stress, power and memory bandwidth). The node's injected faults decide the
/// verdicts: a double-bit ECC error fails page retirement and GPU memory, a GPU that fell off
/// the bus fails the NVML check, heat fails targeted power; the rest pass. Without `-j` it prints
/// the table dcgmi shows people. An AMD node has no dcgmi.
public final class Dcgmi {

    public static final String DCGM_VERSION = "3.3.8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEVEL = Pattern.compile("(?:-r|--run)\\s+(\\d)");

    private static final List<String> DEPLOYMENT = List.of("Denylist", "NVML Library", "CUDA Main Library",
            "Permissions and OS Blocks", "Persistence Mode", "Environment Variables", "Page Retirement/Row Remap",
            "Graphics Processes", "Inforom");

    private final Fleet fleet;

    public Dcgmi(Fleet fleet) {
        this.fleet = fleet;
    }

    /// The output of `commandLine` (a `dcgmi diag` invocation) on node `node`.
    public String run(String commandLine, int node) {
        if (fleet.amdNode(node)) {
            return "sh: 1: dcgmi: not found\n";
        }
        Matcher level = LEVEL.matcher(commandLine);
        int run = level.find() ? Integer.parseInt(level.group(1)) : 1;
        if (run < 1 || run > 4) {
            return "Error: invalid run level " + run + "; use 1, 2, 3 or 4.\n";
        }
        List<Category> report = report(node, run);
        boolean json = commandLine.contains(" -j") || commandLine.contains("--json");
        return json ? json(node, report) : table(node, report);
    }

    private record Result(int gpu, String status, String warning, int errorId) {
    }

    private record Test(String name, List<Result> results) {
    }

    private record Category(String name, List<Test> tests) {
    }

    private List<Category> report(int node, int run) {
        List<Category> categories = new ArrayList<>();
        List<Test> deployment = new ArrayList<>();
        for (String name : DEPLOYMENT) {
            deployment.add(test(node, name));
        }
        categories.add(new Category("Deployment", deployment));
        if (run >= 2) {
            categories.add(new Category("Integration", List.of(test(node, "PCIe"))));
            categories.add(new Category("Hardware", List.of(test(node, "GPU Memory"))));
        }
        if (run >= 3) {
            categories.add(new Category("Stress", List.of(test(node, "Targeted Stress"), test(node, "Targeted Power"),
                    test(node, "Memory Bandwidth"))));
        }
        return categories;
    }

    private Test test(int node, String name) {
        List<Result> results = new ArrayList<>();
        for (int gpu = 0; gpu < fleet.gpusPerNode(); gpu++) {
            GpuFault fault = fleet.fault(node, gpu);
            results.add(verdict(name, gpu, fault));
        }
        return new Test(name, results);
    }

    private static Result verdict(String test, int gpu, GpuFault fault) {
        if (fault == null) {
            return new Result(gpu, "Pass", "", 0);
        }
        return switch (fault) {
            case DOUBLE_BIT_ECC -> switch (test) {
                case "Page Retirement/Row Remap" -> new Result(gpu, "Fail", "GPU " + gpu + " had uncorrectable memory"
                        + " errors and row remapping failed. Drain the GPU and reset it or reboot the node.", 83);
                case "GPU Memory" -> new Result(gpu, "Fail", "A double-bit ECC error was detected on GPU " + gpu
                        + " while testing its memory.", 15);
                default -> new Result(gpu, "Pass", "", 0);
            };
            case FALLEN_OFF_BUS -> test.equals("NVML Library") ? new Result(gpu, "Fail", "GPU " + gpu
                    + " is lost: it has fallen off the bus (XID 79). Reboot the node; if it recurs, replace the GPU.", 43)
                    : new Result(gpu, "Skip", "", 0);
            case THERMAL -> test.equals("Targeted Power") ? new Result(gpu, "Fail", "Thermal violations totaling"
                    + " 12.4 seconds were found for GPU " + gpu + ". Check its cooling.", 28) : new Result(gpu, "Pass", "", 0);
            case CONTAINED_ECC -> test.equals("GPU Memory") ? new Result(gpu, "Warn", "A contained ECC error was"
                    + " seen on GPU " + gpu + "; the affected memory was retired.", 96) : new Result(gpu, "Pass", "", 0);
            default -> new Result(gpu, "Pass", "", 0);
        };
    }

    private String json(int node, List<Category> report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode diag = root.putObject("DCGM GPU Diagnostic");
        ArrayNode categories = diag.putArray("test_categories");
        ObjectNode metadata = categories.addObject();
        metadata.put("category", "Metadata");
        ArrayNode meta = metadata.putArray("tests");
        meta.addObject().put("name", "DCGM Version").putArray("results").addObject().put("status", DCGM_VERSION);
        NodePool pool = fleet.pool(node);
        meta.addObject().put("name", "Driver Version Detected").putArray("results").addObject()
                .put("status", pool.driverVersion());
        for (Category category : report) {
            ObjectNode entry = categories.addObject();
            entry.put("category", category.name());
            ArrayNode tests = entry.putArray("tests");
            for (Test test : category.tests()) {
                ObjectNode t = tests.addObject();
                t.put("name", test.name());
                ArrayNode results = t.putArray("results");
                for (Result result : test.results()) {
                    ObjectNode r = results.addObject();
                    r.put("gpu_id", Integer.toString(result.gpu()));
                    r.put("status", result.status());
                    if (!result.warning().isEmpty()) {
                        ObjectNode warning = r.putArray("warnings").addObject();
                        warning.put("warning", result.warning());
                        warning.put("error_id", result.errorId());
                    }
                }
            }
        }
        diag.put("version", DCGM_VERSION);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private String table(int node, List<Category> report) {
        StringBuilder out = new StringBuilder("Successfully ran diagnostic for group.\n");
        String rule = "+---------------------------+------------------------------------------------+\n";
        out.append(rule).append(String.format(Locale.ROOT, "| %-25s | %-46s |%n", "Diagnostic", "Result"));
        out.append("+===========================+================================================+\n");
        for (Category category : report) {
            out.append(String.format(Locale.ROOT, "|-----  %-19s-+------------------------------------------------|%n",
                    category.name() + "  " + "-".repeat(Math.max(0, 17 - category.name().length()))));
            for (Test test : category.tests()) {
                List<String> failing = test.results().stream().filter(r -> r.status().equals("Fail"))
                        .map(r -> Integer.toString(r.gpu())).toList();
                String result = failing.isEmpty() ? "Pass" : "Fail - GPU: " + String.join(", ", failing);
                out.append(String.format(Locale.ROOT, "| %-25s | %-46s |%n", test.name(), result));
            }
        }
        return out.append(rule).toString();
    }
}
