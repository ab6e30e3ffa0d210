package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.Health;
import java.util.BitSet;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/// Draws a [HeatmapLayout] filled from a [HeatmapFrame] into a [PixelTarget]; pure, no JavaFX.
///
/// Only plates whose rows intersect the target are visited (arithmetic culling), so the cost
/// follows the pixels shown, not the fleet's size. Per cell: the scale colour; a grey cell with
/// a cross when there is no reading; the colour dimmed and striped when the reading is stale
/// (never the hollow idle look, whatever the old value was); a red frame
/// for FAILING and an amber corner for WARNING. The hovered and selected cells get outlines
/// drawn into the gap around them.
public final class HeatmapRenderer {

    /// What is marked beyond the data: ordinals (-1 for none) and the clock for staleness.
    /// `staleAfterMillis` holds for every cluster that `staleAfterByCluster` (if any) has no
    /// answer for: each cluster's readings go stale after its own number of scrape intervals.
    /// `multiSelected`, when given, marks every ordinal of a multi-selection with a thin outline.
    public record Marks(int selected, int hovered, long nowMillis, long staleAfterMillis,
                        @Nullable ToLongFunction<String> staleAfterByCluster, @Nullable BitSet multiSelected) {

        public Marks(int selected, int hovered, long nowMillis, long staleAfterMillis,
                     @Nullable ToLongFunction<String> staleAfterByCluster) {
            this(selected, hovered, nowMillis, staleAfterMillis, staleAfterByCluster, null);
        }

        public Marks(int selected, int hovered, long nowMillis, long staleAfterMillis) {
            this(selected, hovered, nowMillis, staleAfterMillis, null, null);
        }

        public static Marks none(long nowMillis, long staleAfterMillis) {
            return new Marks(-1, -1, nowMillis, staleAfterMillis);
        }

        /// How old a reading of `cluster` may be before it is stale, in milliseconds.
        public long staleAfterMillis(String cluster) {
            return staleAfterByCluster == null ? staleAfterMillis : staleAfterByCluster.applyAsLong(cluster);
        }
    }

    /// The legend's sample cells.
    public enum Swatch { IDLE, NO_TELEMETRY, STALE, WARNING, FAILING, CORDONED }

    /// How much of a stale cell's colour remains (the rest lets the background through).
    static final double STALE_OPACITY = 0.35;
    /// Distance in pixels between a stale cell's stripes (drawn from a cell side of 6 up).
    static final int HATCH_PERIOD = 4;
    /// Translucent black that separates health marks from a cell colour close to theirs
    /// (a red frame on a hot red cell, an amber corner on a yellow one).
    static final int SEPARATOR = 0x99000000;

    private HeatmapRenderer() {
    }

    public static void render(PixelTarget target, HeatmapLayout layout, HeatmapFrame frame,
                              HeatmapPalette palette, Marks marks) {
        if (!layout.topology().sameShape(frame.topology())) {
            throw new IllegalArgumentException("the layout was made for another fleet shape than the frame");
        }
        target.clear();
        HeatmapTopology topology = layout.topology();
        int top = target.originY();
        int bottom = top + target.height();
        for (int c = 0; c < topology.groupCount(); c++) {
            if (layout.clusterBottom(c) <= top || layout.headerY(c) >= bottom) {
                continue;
            }
            int[] nodes = layout.nodesBetween(c, top, bottom);
            for (int node = nodes[0]; node < nodes[1]; node++) {
                drawNode(target, layout, frame, palette, marks, node);
            }
        }
        int size = layout.geometry().cellSize();
        if (marks.hovered() >= 0 && marks.hovered() != marks.selected() && marks.hovered() < layout.cellCount()) {
            int o = marks.hovered();
            target.frame(layout.cellX(o) - 1, layout.cellY(o) - 1, size + 2, size + 2, 1, palette.hover());
        }
        if (marks.selected() >= 0 && marks.selected() < layout.cellCount()) {
            int o = marks.selected();
            int ring = Math.max(2, layout.geometry().cellGap());
            target.frame(layout.cellX(o) - ring, layout.cellY(o) - ring, size + 2 * ring, size + 2 * ring, ring,
                    palette.selection());
        }
    }

    private static void drawNode(PixelTarget target, HeatmapLayout layout, HeatmapFrame frame,
                                 HeatmapPalette palette, Marks marks, int node) {
        HeatmapLayout.Rect plate = layout.plateBounds(node);
        roundedFill(target, plate, frame.cordoned(node) ? palette.cordonedPlate() : palette.plate());
        int size = layout.geometry().cellSize();
        int first = layout.topology().firstOrdinal(node);
        int end = first + layout.topology().gpusOnNode(node);
        long staleAfter = first < end ? marks.staleAfterMillis(frame.cluster(first)) : marks.staleAfterMillis();
        BitSet multi = marks.multiSelected();
        for (int o = first; o < end; o++) {
            long sampledAt = frame.sampledAtMillis(o);
            boolean reading = sampledAt != HeatmapFrame.NEVER && !Double.isNaN(frame.value(o));
            boolean stale = reading && sampledAt + staleAfter < marks.nowMillis();
            int x = layout.cellX(o);
            int y = layout.cellY(o);
            if (reading && size >= MigCells.MIN_CELL && MigCells.shows(frame.gpu(o).mig(), size)) {
                MigCells.draw(target, x, y, size, frame.gpu(o).mig(), frame.metric(), frame.color(o), stale,
                        palette.noTelemetry());
                healthMark(target, x, y, size, frame.health(o), palette);
            } else {
                // A stale reading says nothing about now, so it never shows as idle.
                drawCell(target, x, y, size, reading, frame.color(o), stale, reading && !stale && frame.idle(o),
                        frame.health(o), palette);
            }
            if (multi != null && multi.get(o) && o != marks.selected()) {
                target.frame(x - 1, y - 1, size + 2, size + 2, 1, palette.selection());
            }
        }
    }

    /// One cell: the scale colour of its reading, or the no-telemetry pattern without one.
    /// An idle GPU (utilization at most [HeatmapFrame#IDLE_PERCENT]) is a hollow square: its
    /// colour as a ring around a plate-coloured centre, so idle reads apart from busy, stale
    /// and silent cells in every metric.
    private static void drawCell(PixelTarget target, int x, int y, int size, boolean reading, int color,
                                 boolean stale, boolean idle, Health health, HeatmapPalette palette) {
        if (!reading) {
            target.fill(x, y, size, size, palette.noTelemetry());
            cross(target, x, y, size, palette.noTelemetryMark());
        } else if (stale) {
            target.fill(x, y, size, size, fade(color, STALE_OPACITY));
            hatch(target, x, y, size, palette.noTelemetryMark());
        } else {
            target.fill(x, y, size, size, color);
            if (idle && size >= 4) {
                int ring = Math.max(1, size / 4);
                target.replace(x + ring, y + ring, size - 2 * ring, size - 2 * ring, palette.plate());
            }
        }
        healthMark(target, x, y, size, health, palette);
    }

    private static void healthMark(PixelTarget target, int x, int y, int size, Health health, HeatmapPalette palette) {
        if (health == Health.FAILING) {
            int ring = Math.max(1, size / 6);
            target.frame(x, y, size, size, ring, palette.failing());
            if (size >= 8) {
                target.frame(x + ring, y + ring, size - 2 * ring, size - 2 * ring, 1, SEPARATOR);
            }
        } else if (health == Health.WARNING) {
            corner(target, x, y, size, palette.warning());
        }
    }

    private static void cross(PixelTarget target, int x, int y, int size, int color) {
        int inset = size >= 8 ? 2 : 0;
        int span = size - 2 * inset;
        for (int i = 0; i < span; i++) {
            target.plot(x + inset + i, y + inset + i, color);
            target.plot(x + inset + span - 1 - i, y + inset + i, color);
        }
    }

    /// Diagonal stripes (bottom-left to top-right) every [#HATCH_PERIOD] pixels over a stale
    /// cell, so it reads as "old data" even where its faded colour is close to a fresh one.
    private static void hatch(PixelTarget target, int x, int y, int size, int color) {
        if (size < HATCH_PERIOD + 2) {
            return;
        }
        for (int dy = 0; dy < size; dy++) {
            for (int dx = (HATCH_PERIOD - 1 - dy % HATCH_PERIOD + HATCH_PERIOD) % HATCH_PERIOD; dx < size;
                    dx += HATCH_PERIOD) {
                target.plot(x + dx, y + dy, color);
            }
        }
    }

    /// Whether `(dx, dy)` of a cell lies on a stale cell's stripes.
    static boolean onHatch(int dx, int dy) {
        return (dx + dy) % HATCH_PERIOD == HATCH_PERIOD - 1;
    }

    /// A right triangle in the top-right corner, half the cell's side, edged in dark so it
    /// stays visible on cells of a similar colour.
    private static void corner(PixelTarget target, int x, int y, int size, int color) {
        int legs = Math.max(2, size / 2);
        for (int i = 0; i < legs; i++) {
            target.fill(x + size - legs + i, y + i, legs - i, 1, color);
            if (size >= 8) {
                target.plot(x + size - legs + i - 1, y + i, SEPARATOR);
            }
        }
    }

    /// A plate with its corner pixels left out; plates never overlap and are drawn first on a
    /// cleared target, so their pixels are set rather than blended.
    private static void roundedFill(PixelTarget target, HeatmapLayout.Rect r, int color) {
        if (r.width() < 3 || r.height() < 3) {
            target.replace(r.x(), r.y(), r.width(), r.height(), color);
            return;
        }
        target.replace(r.x() + 1, r.y(), r.width() - 2, r.height(), color);
        target.replace(r.x(), r.y() + 1, 1, r.height() - 2, color);
        target.replace(r.x() + r.width() - 1, r.y() + 1, 1, r.height() - 2, color);
    }

    /// A premultiplied colour at `opacity` of its strength.
    static int fade(int color, double opacity) {
        int a = (int) Math.round((color >>> 24) * opacity);
        int r = (int) Math.round(((color >> 16) & 0xFF) * opacity);
        int g = (int) Math.round(((color >> 8) & 0xFF) * opacity);
        int b = (int) Math.round((color & 0xFF) * opacity);
        return a << 24 | r << 16 | g << 8 | b;
    }

    /// A legend sample: one cell of `cellSize` on a plate margin, filling the target.
    public static void renderSwatch(PixelTarget target, int cellSize, Swatch kind, HeatmapPalette palette,
                                    ColorScale scale) {
        target.clear();
        int margin = (Math.min(target.width(), target.height()) - cellSize) / 2;
        HeatmapLayout.Rect plate = new HeatmapLayout.Rect(target.originX(), target.originY(),
                target.width(), target.height());
        roundedFill(target, plate, kind == Swatch.CORDONED ? palette.cordonedPlate() : palette.plate());
        int mid = scale.argbAtFraction(0.55);
        Health health = switch (kind) {
            case WARNING -> Health.WARNING;
            case FAILING -> Health.FAILING;
            default -> Health.HEALTHY;
        };
        int color = kind == Swatch.IDLE ? scale.argbAtFraction(0) : mid;
        drawCell(target, target.originX() + margin, target.originY() + margin, cellSize,
                kind != Swatch.NO_TELEMETRY, color, kind == Swatch.STALE, kind == Swatch.IDLE, health, palette);
    }

    /// The scale from its minimum (left) to its maximum (right), filling the target.
    public static void renderRamp(PixelTarget target, ColorScale scale) {
        for (int x = 0; x < target.width(); x++) {
            int color = scale.argbAtFraction(target.width() == 1 ? 0 : (double) x / (target.width() - 1));
            target.fill(target.originX() + x, target.originY(), 1, target.height(), color);
        }
    }
}
