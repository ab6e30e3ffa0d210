package dev.gpufleet.views.node;

import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.Link;
import dev.gpufleet.core.topology.LinkKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.paint.Color;

/// The colour of each kind of link, from fast (green: NVLink) to slow (red: across sockets),
/// and the legend entries for the kinds a topology uses.
public final class LinkColors {

    private static final Color SELF = Color.web("#6e7681");
    private static final Color NVSWITCH = Color.web("#2ea043");
    private static final Color NVLINK = Color.web("#3fb9a0");
    private static final Map<LinkKind, Color> PCIE = Map.of(
            LinkKind.PIX, Color.web("#388bfd"),
            LinkKind.PXB, Color.web("#79c0ff"),
            LinkKind.PHB, Color.web("#d29922"),
            LinkKind.NODE, Color.web("#db6d28"),
            LinkKind.SYS, Color.web("#da3633"),
            LinkKind.SOC, Color.web("#da3633"));

    /// One legend line: a colour, the code and what it means.
    public record Entry(Color color, String code, String meaning) {
    }

    private LinkColors() {
    }

    public static Color of(Link link) {
        return switch (link.kind()) {
            case SELF -> SELF;
            case NVLINK -> link.viaSwitch() ? NVSWITCH : NVLINK;
            default -> PCIE.get(link.kind());
        };
    }

    /// The entries for the kinds of link `topology` has between GPUs, fastest first.
    public static List<Entry> legend(GpuTopology topology) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        for (int a = 0; a < topology.gpuCount(); a++) {
            for (int b = 0; b < topology.gpuCount(); b++) {
                if (a != b) {
                    links.add(topology.link(a, b));
                }
            }
        }
        links.sort((x, y) -> x.kind() != y.kind() ? x.kind().compareTo(y.kind()) : Integer.compare(y.nvlinks(), x.nvlinks()));
        for (Link link : links) {
            entries.computeIfAbsent(link.code() + link.viaSwitch(), key -> new Entry(of(link), link.code(), meaning(link)));
        }
        return List.copyOf(entries.values());
    }

    /// What a link means, for people: `18 NVLinks through NVSwitch`.
    public static String meaning(Link link) {
        if (link.kind() == LinkKind.NVLINK) {
            return link.nvlinks() + " bonded NVLinks" + (link.viaSwitch() ? " through NVSwitch" : ", direct");
        }
        return link.kind().description();
    }
}
