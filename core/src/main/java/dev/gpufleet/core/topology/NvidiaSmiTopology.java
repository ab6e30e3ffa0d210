package dev.gpufleet.core.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/// Reads the matrix `nvidia-smi topo -m` prints, as real drivers print it: cells separated by
/// tabs or by runs of spaces, the header underlined with ANSI escapes, NIC rows shorter than
/// GPU rows, `N/A` affinities, an empty field before `GPU NUMA ID`, the legend block after the
/// matrix and the `NIC Legend` that maps `NIC0` to `mlx5_0`. Older drivers name NIC columns by
/// device (`mlx4_0`) and print only `CPU Affinity`.
///
/// Anything it cannot read is a [TopologyFormatException] naming the line.
public final class NvidiaSmiTopology {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern GPU = Pattern.compile("GPU\\d+");
    private static final Pattern NVLINK = Pattern.compile("NV(\\d{1,3})");
    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
    private static final Pattern NIC_LEGEND = Pattern.compile("\\s*(NIC\\d+):\\s*(\\S+)\\s*");
    private static final List<String> AFFINITY_COLUMNS = List.of("CPU Affinity", "NUMA Affinity", "GPU NUMA ID");

    private NvidiaSmiTopology() {
    }

    /// The topology the text describes, marked [TopologyOrigin#PROBED].
    ///
    /// @throws TopologyFormatException when the text is not a topology matrix
    public static GpuTopology parse(String text) {
        String[] lines = ANSI.matcher(text).replaceAll("").split("\r?\n", -1);
        int headerAt = findHeader(lines);
        Header header = Header.read(lines[headerAt], headerAt + 1);
        Map<String, Row> rows = new HashMap<>();
        int at = headerAt + 1;
        for (; at < lines.length; at++) {
            String line = lines[at].strip();
            if (line.isEmpty() || line.startsWith("Legend")) {
                break;
            }
            Row row = Row.read(line, at + 1, header);
            if (rows.put(row.name(), row) != null) {
                throw new TopologyFormatException(at + 1, "a second row for " + row.name());
            }
        }
        Map<String, String> legend = nicLegend(lines, at);
        return assemble(header, rows, legend, headerAt + 1);
    }

    private static int findHeader(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String[] tokens = tokens(lines[i]);
            if (tokens.length > 0 && GPU.matcher(tokens[0]).matches() && (tokens.length == 1 || !tokens[1].equals("X"))) {
                return i;
            }
        }
        String first = "";
        for (String line : lines) {
            if (!line.isBlank()) {
                first = line.strip();
                break;
            }
        }
        throw new TopologyFormatException(1, first.isEmpty() ? "the text is empty"
                : "no header row naming GPU0 was found; the text begins \"" + abbreviate(first) + "\"");
    }

    private static Map<String, String> nicLegend(String[] lines, int from) {
        Map<String, String> legend = new HashMap<>();
        boolean inLegend = false;
        for (int i = from; i < lines.length; i++) {
            if (lines[i].strip().equals("NIC Legend:")) {
                inLegend = true;
            } else if (inLegend) {
                var m = NIC_LEGEND.matcher(lines[i]);
                if (m.matches()) {
                    legend.put(m.group(1), m.group(2));
                }
            }
        }
        return legend;
    }

    private static GpuTopology assemble(Header header, Map<String, Row> rows, Map<String, String> legend, int headerLine) {
        List<Integer> gpuColumns = new ArrayList<>();
        List<Integer> nicColumns = new ArrayList<>();
        for (int c = 0; c < header.devices().size(); c++) {
            (GPU.matcher(header.devices().get(c)).matches() ? gpuColumns : nicColumns).add(c);
        }
        List<String> gpus = new ArrayList<>();
        List<Nic> nics = new ArrayList<>();
        for (int c : nicColumns) {
            String id = header.devices().get(c);
            nics.add(new Nic(id, legend.getOrDefault(id, id)));
        }
        Link[][] gpuLinks = new Link[gpuColumns.size()][];
        Link[][] nicLinks = new Link[gpuColumns.size()][];
        List<GpuAffinity> affinity = new ArrayList<>();
        for (int g = 0; g < gpuColumns.size(); g++) {
            String name = header.devices().get(gpuColumns.get(g));
            Row row = rows.get(name);
            if (row == null) {
                throw new TopologyFormatException(headerLine, "the header names " + name + " but no row follows for it");
            }
            gpus.add(name);
            gpuLinks[g] = pick(row.cells(), gpuColumns);
            nicLinks[g] = pick(row.cells(), nicColumns);
            affinity.add(row.affinity());
        }
        return GpuTopology.of(gpus, nics, gpuLinks, nicLinks, affinity, TopologyOrigin.PROBED, "nvidia-smi topo -m");
    }

    private static Link[] pick(Link[] cells, List<Integer> columns) {
        Link[] picked = new Link[columns.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = cells[columns.get(i)];
        }
        return picked;
    }

    static String[] tokens(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? new String[0] : SPACES.split(stripped);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /// The column names of the header row: devices, then affinity columns.
    private record Header(List<String> devices, List<String> affinityColumns) {

        static Header read(String line, int lineNumber) {
            String text = line.strip();
            int affinityAt = text.length();
            for (String column : AFFINITY_COLUMNS) {
                int at = text.indexOf(column);
                if (at >= 0 && at < affinityAt) {
                    affinityAt = at;
                }
            }
            List<String> devices = List.of(tokens(text.substring(0, affinityAt)));
            List<String> columns = new ArrayList<>();
            String rest = text.substring(affinityAt).strip();
            while (!rest.isEmpty()) {
                String column = startingColumn(rest);
                if (column == null) {
                    throw new TopologyFormatException(lineNumber, "unknown column \"" + abbreviate(rest)
                            + "\" after the devices; known are " + String.join(", ", AFFINITY_COLUMNS));
                }
                columns.add(column);
                rest = rest.substring(column.length()).strip();
            }
            if (devices.size() != devices.stream().distinct().count()) {
                throw new TopologyFormatException(lineNumber, "the header names a device twice: " + devices);
            }
            return new Header(devices, columns);
        }

        private static @Nullable String startingColumn(String text) {
            for (String column : AFFINITY_COLUMNS) {
                if (text.startsWith(column)) {
                    return column;
                }
            }
            return null;
        }
    }

    /// One matrix row: its device, its cells (one per header device) and, for a GPU, affinity.
    private record Row(String name, Link[] cells, GpuAffinity affinity) {

        static Row read(String line, int lineNumber, Header header) {
            String[] tokens = tokens(line);
            String name = tokens[0];
            int self = header.devices().indexOf(name);
            if (self < 0) {
                throw new TopologyFormatException(lineNumber, "row \"" + abbreviate(name)
                        + "\" is not one of the devices of the header " + header.devices());
            }
            int devices = header.devices().size();
            if (tokens.length - 1 < devices) {
                throw new TopologyFormatException(lineNumber, "row " + name + " has " + (tokens.length - 1)
                        + " cells; the header names " + devices + " devices");
            }
            Link[] cells = new Link[devices];
            for (int c = 0; c < devices; c++) {
                cells[c] = cell(tokens[c + 1], c == self, lineNumber, name, header.devices().get(c));
            }
            int extra = tokens.length - 1 - devices;
            if (extra > header.affinityColumns().size()) {
                throw new TopologyFormatException(lineNumber, "row " + name + " has " + extra
                        + " values after its cells; the header names " + header.affinityColumns().size()
                        + " affinity columns " + header.affinityColumns());
            }
            GpuAffinity affinity = affinity(tokens, devices + 1, header.affinityColumns(), lineNumber);
            return new Row(name, cells, affinity);
        }

        private static Link cell(String code, boolean diagonal, int lineNumber, String row, String column) {
            if (code.equals("X") != diagonal) {
                throw new TopologyFormatException(lineNumber, diagonal
                        ? "row " + row + " should read X in its own column but reads \"" + code + "\""
                        : "row " + row + " reads X in column " + column + ", which is another device");
            }
            var nv = NVLINK.matcher(code);
            if (nv.matches() && Integer.parseInt(nv.group(1)) > 0) {
                return Link.nvlink(Integer.parseInt(nv.group(1)), false);
            }
            return LinkKind.byCode(code).map(Link::of).orElseThrow(() -> new TopologyFormatException(lineNumber,
                    "row " + row + ", column " + column + ": \"" + abbreviate(code)
                            + "\" is not a link kind (X, NV#, PIX, PXB, PHB, NODE, SYS, SOC)"));
        }

        private static GpuAffinity affinity(String[] tokens, int from, List<String> columns, int lineNumber) {
            String cpus = null;
            String numa = null;
            Integer gpuNuma = null;
            for (int i = from; i < tokens.length; i++) {
                String column = columns.get(i - from);
                String value = tokens[i];
                if (value.equals("N/A")) {
                    continue;
                }
                switch (column) {
                    case "CPU Affinity" -> {
                        if (!CPU_LIST.matcher(value).matches()) {
                            throw new TopologyFormatException(lineNumber, "CPU Affinity \"" + abbreviate(value)
                                    + "\" is not a CPU list such as 0-47,96-143");
                        }
                        cpus = value;
                    }
                    case "NUMA Affinity" -> {
                        if (!CPU_LIST.matcher(value).matches()) {
                            throw new TopologyFormatException(lineNumber, "NUMA Affinity \"" + abbreviate(value)
                                    + "\" is not a NUMA node number or list");
                        }
                        numa = value;
                    }
                    default -> gpuNuma = number(value, column, lineNumber);
                }
            }
            return new GpuAffinity(cpus, numa, gpuNuma);
        }

        private static int number(String value, String column, int lineNumber) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TopologyFormatException(lineNumber, column + " \"" + abbreviate(value) + "\" is not a number");
            }
        }
    }
}
