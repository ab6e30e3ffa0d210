package dev.gpufleet.views.heatmap;

/// Where every GPU's cell sits, for a topology, a geometry and a width; pure arithmetic.
///
/// Each cluster gets a header line, then its nodes as *plates* in rows that wrap at the width.
/// A plate has a name strip on top and its GPUs in a block of up to
/// [HeatmapGeometry#maxBlockColumns] columns. All plates of a cluster have the same size, so
/// [#cellAt] finds a cell by division (plus a binary search over clusters), and no per-GPU
/// objects exist: cell origins live in two `int[]`s.
public final class HeatmapLayout {

    /// An axis-aligned rectangle in layout pixels.
    public record Rect(int x, int y, int width, int height) {

        public boolean contains(int px, int py) {
            return px >= x && py >= y && px < x + width && py < y + height;
        }
    }

    private final HeatmapTopology topology;
    private final HeatmapGeometry geometry;
    private final int viewportWidth;
    private final int width;
    private final int height;
    private final int[] headerY;
    private final int[] gridY;
    private final int[] columns;
    private final int[] blockRows;
    private final int[] platesPerRow;
    private final int[] plateX;
    private final int[] plateY;
    private final int[] cellX;
    private final int[] cellY;

    private HeatmapLayout(HeatmapTopology topology, HeatmapGeometry geometry, int viewportWidth) {
        this.topology = topology;
        this.geometry = geometry;
        this.viewportWidth = viewportWidth;
        int clusters = topology.groupCount();
        headerY = new int[clusters];
        gridY = new int[clusters];
        columns = new int[clusters];
        blockRows = new int[clusters];
        platesPerRow = new int[clusters];
        plateX = new int[topology.nodeCount()];
        plateY = new int[topology.nodeCount()];
        cellX = new int[topology.gpuCount()];
        cellY = new int[topology.gpuCount()];
        int y = geometry.padding();
        int widest = 0;
        for (int c = 0; c < clusters; c++) {
            y = placeCluster(c, y, viewportWidth);
            widest = Math.max(widest, geometry.padding() * 2 + rowWidth(c));
        }
        this.width = Math.max(viewportWidth, widest);
        this.height = clusters == 0 ? 0 : y - geometry.clusterGap() + geometry.padding();
    }

    /// Lays `topology` out for a viewport `width` pixels wide.
    public static HeatmapLayout compute(HeatmapTopology topology, HeatmapGeometry geometry, int width) {
        return new HeatmapLayout(topology, geometry, Math.max(0, width));
    }

    /// `source`'s positions for `topology`, which has its topology's placement.
    private HeatmapLayout(HeatmapLayout source, HeatmapTopology topology) {
        this.topology = topology;
        this.geometry = source.geometry;
        this.viewportWidth = source.viewportWidth;
        this.width = source.width;
        this.height = source.height;
        this.headerY = source.headerY;
        this.gridY = source.gridY;
        this.columns = source.columns;
        this.blockRows = source.blockRows;
        this.platesPerRow = source.platesPerRow;
        this.plateX = source.plateX;
        this.plateY = source.plateY;
        this.cellX = source.cellX;
        this.cellY = source.cellY;
    }

    /// This layout for `next`, for the same geometry and viewport width: itself for its own
    /// topology; sharing every position (nothing computed) when `next` has the same placement
    /// ([HeatmapTopology#samePlacement], e.g. nodes re-sorted by utilization); else laid out anew.
    public HeatmapLayout forTopology(HeatmapTopology next) {
        if (next == topology) {
            return this;
        }
        return topology.samePlacement(next) ? new HeatmapLayout(this, next) : compute(next, geometry, viewportWidth);
    }

    /// Whether [#forTopology] would keep this layout's positions for a view `viewport` pixels wide.
    boolean laidOutFor(HeatmapGeometry otherGeometry, int viewport) {
        return geometry.equals(otherGeometry) && viewport == viewportWidth;
    }

    private int placeCluster(int c, int top, int viewportWidth) {
        int maxGpus = Math.max(1, topology.maxGpusPerNode(c));
        columns[c] = Math.min(geometry.maxBlockColumns(), maxGpus);
        blockRows[c] = (maxGpus + columns[c] - 1) / columns[c];
        int available = viewportWidth - 2 * geometry.padding();
        platesPerRow[c] = Math.max(1, (available + geometry.nodeGap()) / plateStepX(c));
        headerY[c] = top;
        gridY[c] = top + geometry.clusterHeaderHeight();
        int first = topology.firstNode(c);
        int nodes = topology.endNode(c) - first;
        for (int k = 0; k < nodes; k++) {
            placeNode(c, first + k, k);
        }
        int rows = (nodes + platesPerRow[c] - 1) / platesPerRow[c];
        int gridHeight = rows == 0 ? 0 : rows * plateStepY(c) - geometry.nodeGap();
        return gridY[c] + gridHeight + geometry.clusterGap();
    }

    private void placeNode(int c, int node, int indexInCluster) {
        int row = indexInCluster / platesPerRow[c];
        int column = indexInCluster % platesPerRow[c];
        plateX[node] = geometry.padding() + column * plateStepX(c);
        plateY[node] = gridY[c] + row * plateStepY(c);
        int originX = plateX[node] + geometry.platePadding();
        int originY = plateY[node] + geometry.platePadding() + geometry.nodeLabelHeight();
        int pitch = geometry.cellPitch();
        int first = topology.firstOrdinal(node);
        for (int p = 0; p < topology.gpusOnNode(node); p++) {
            cellX[first + p] = originX + (p % columns[c]) * pitch;
            cellY[first + p] = originY + (p / columns[c]) * pitch;
        }
    }

    public HeatmapTopology topology() {
        return topology;
    }

    public HeatmapGeometry geometry() {
        return geometry;
    }

    /// Width of everything laid out: the viewport width, or more if one plate does not fit.
    public int width() {
        return width;
    }

    /// Height of everything laid out.
    public int height() {
        return height;
    }

    public int cellCount() {
        return cellX.length;
    }

    public int cellX(int ordinal) {
        return cellX[ordinal];
    }

    public int cellY(int ordinal) {
        return cellY[ordinal];
    }

    public Rect cellBounds(int ordinal) {
        return new Rect(cellX[ordinal], cellY[ordinal], geometry.cellSize(), geometry.cellSize());
    }

    /// The plate of `node`: its name strip and its block of cells.
    public Rect plateBounds(int node) {
        int c = topology.groupOfNode(node);
        return new Rect(plateX[node], plateY[node], plateWidth(c), plateHeight(c));
    }

    /// Top of `cluster`'s header line.
    public int headerY(int cluster) {
        return headerY[cluster];
    }

    /// Bottom of `cluster`'s section (its last plate row), exclusive.
    public int clusterBottom(int cluster) {
        int nodes = topology.endNode(cluster) - topology.firstNode(cluster);
        int rows = (nodes + platesPerRow[cluster] - 1) / platesPerRow[cluster];
        return gridY[cluster] + Math.max(0, rows * plateStepY(cluster) - geometry.nodeGap());
    }

    /// Nodes of `cluster` whose plate rows intersect `[top, bottom)`, as `[first, end)` node
    /// indices; arithmetic, so drawing a viewport never walks the whole fleet.
    public int[] nodesBetween(int cluster, int top, int bottom) {
        int step = plateStepY(cluster);
        int firstRow = Math.max(0, Math.floorDiv(top - gridY[cluster], step));
        int lastRow = Math.max(-1, Math.floorDiv(bottom - 1 - gridY[cluster], step));
        int base = topology.firstNode(cluster);
        int end = topology.endNode(cluster);
        int from = Math.min(end, base + firstRow * platesPerRow[cluster]);
        int to = Math.min(end, base + (lastRow + 1) * platesPerRow[cluster]);
        return new int[] {from, Math.max(from, to)};
    }

    /// The GPU ordinal whose cell contains `(x, y)`, or -1 for gaps, plates, headers and outside.
    public int cellAt(int x, int y) {
        int node = nodeAt(x, y);
        if (node < 0) {
            return -1;
        }
        int c = topology.groupOfNode(node);
        int cx = x - plateX[node] - geometry.platePadding();
        int cy = y - plateY[node] - geometry.platePadding() - geometry.nodeLabelHeight();
        if (cx < 0 || cy < 0) {
            return -1;
        }
        int pitch = geometry.cellPitch();
        int column = cx / pitch;
        int row = cy / pitch;
        if (column >= columns[c] || cx - column * pitch >= geometry.cellSize()
                || cy - row * pitch >= geometry.cellSize()) {
            return -1;
        }
        int position = row * columns[c] + column;
        return position < topology.gpusOnNode(node) ? topology.firstOrdinal(node) + position : -1;
    }

    /// The node whose plate contains `(x, y)`, or -1.
    public int nodeAt(int x, int y) {
        int c = clusterAt(y);
        if (c < 0 || y < gridY[c] || x < geometry.padding()) {
            return -1;
        }
        int rx = x - geometry.padding();
        int ry = y - gridY[c];
        int column = rx / plateStepX(c);
        int row = ry / plateStepY(c);
        if (column >= platesPerRow[c] || rx - column * plateStepX(c) >= plateWidth(c)
                || ry - row * plateStepY(c) >= plateHeight(c)) {
            return -1;
        }
        int node = topology.firstNode(c) + row * platesPerRow[c] + column;
        return node < topology.endNode(c) ? node : -1;
    }

    /// The cell next to `ordinal` in direction `(dx, dy)` (each -1, 0 or 1) as the eye sees it,
    /// or `ordinal` itself at the edge.
    public int neighbour(int ordinal, int dx, int dy) {
        if (dy == 0) {
            int next = ordinal + Integer.signum(dx);
            return next >= 0 && next < cellCount() ? next : ordinal;
        }
        int half = geometry.cellSize() / 2;
        int x = cellX[ordinal] + half;
        int y = cellY[ordinal] + half;
        int limit = 2 * plateStepY(topology.groupOfNode(topology.nodeOf(ordinal)))
                + geometry.clusterHeaderHeight() + geometry.clusterGap();
        for (int step = 1; step <= limit; step++) {
            int found = cellAt(x, y + Integer.signum(dy) * step);
            if (found >= 0 && found != ordinal) {
                return found;
            }
        }
        return ordinal;
    }

    /// Every ordinal whose cell centre lies in the rectangle `(x0, y0)`–`(x1, y1)` (inclusive):
    /// a rubber band. Only the plate rows it crosses are visited.
    public java.util.BitSet cellsIn(int x0, int y0, int x1, int y1) {
        java.util.BitSet found = new java.util.BitSet();
        int half = geometry.cellSize() / 2;
        for (int g = 0; g < topology.groupCount(); g++) {
            if (clusterBottom(g) <= y0 || headerY[g] > y1) {
                continue;
            }
            int[] nodes = nodesBetween(g, y0, y1 + 1);
            for (int o = nodes[0] < nodes[1] ? topology.firstOrdinal(nodes[0]) : 0;
                    nodes[0] < nodes[1] && o < topology.firstOrdinal(nodes[1] - 1) + topology.gpusOnNode(nodes[1] - 1); o++) {
                int cx = cellX[o] + half;
                int cy = cellY[o] + half;
                if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) {
                    found.set(o);
                }
            }
        }
        return found;
    }

    /// The ordinal whose cell centre is nearest `(x, y)` among the plate rows around it, or
    /// -1 when nothing is laid out; for anchoring a zoom at a point between cells.
    public int nearestCell(int x, int y) {
        int g = Math.max(0, clusterAt(y));
        if (g >= topology.groupCount()) {
            return -1;
        }
        int step = plateStepY(g);
        int[] nodes = nodesBetween(g, y - step, y + step);
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        int half = geometry.cellSize() / 2;
        for (int node = nodes[0]; node < nodes[1]; node++) {
            for (int o = topology.firstOrdinal(node); o < topology.firstOrdinal(node) + topology.gpusOnNode(node); o++) {
                long dx = cellX[o] + half - x;
                long dy = cellY[o] + half - y;
                if (dx * dx + dy * dy < bestDistance) {
                    bestDistance = dx * dx + dy * dy;
                    best = o;
                }
            }
        }
        if (best < 0) {
            for (int next = g; next < topology.groupCount(); next++) {
                if (topology.firstNode(next) < topology.endNode(next)) {
                    return topology.firstOrdinal(topology.firstNode(next));
                }
            }
        }
        return best;
    }

    private int clusterAt(int y) {
        int low = 0;
        int high = headerY.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (headerY[mid] <= y) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    private int plateWidth(int c) {
        return columns[c] * geometry.cellPitch() - geometry.cellGap() + 2 * geometry.platePadding();
    }

    private int plateHeight(int c) {
        return geometry.nodeLabelHeight() + blockRows[c] * geometry.cellPitch() - geometry.cellGap()
                + 2 * geometry.platePadding();
    }

    private int plateStepX(int c) {
        return plateWidth(c) + geometry.nodeGap();
    }

    private int plateStepY(int c) {
        return plateHeight(c) + geometry.nodeGap();
    }

    private int rowWidth(int c) {
        int nodes = topology.endNode(c) - topology.firstNode(c);
        int plates = Math.max(1, Math.min(nodes, platesPerRow[c]));
        return plates * plateStepX(c) - geometry.nodeGap();
    }
}
