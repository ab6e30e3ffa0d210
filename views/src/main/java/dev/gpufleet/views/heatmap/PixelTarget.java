package dev.gpufleet.views.heatmap;

/// A window onto the layout that the renderer fills: `width` × `height` premultiplied ARGB
/// pixels whose top-left shows layout point `(originX, originY)`.
///
/// Drawing clips to the window and blends translucent colours source-over what is there.
public final class PixelTarget {

    private final int[] pixels;
    private final int width;
    private final int height;
    private final int originX;
    private final int originY;

    public PixelTarget(int[] pixels, int width, int height, int originX, int originY) {
        if (pixels.length < width * height) {
            throw new IllegalArgumentException("pixel array too small for " + width + "x" + height);
        }
        this.pixels = pixels;
        this.width = width;
        this.height = height;
        this.originX = originX;
        this.originY = originY;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int originX() {
        return originX;
    }

    public int originY() {
        return originY;
    }

    /// The pixel showing layout point `(x, y)`, or 0 outside the window.
    public int pixelAt(int x, int y) {
        int px = x - originX;
        int py = y - originY;
        return px < 0 || py < 0 || px >= width || py >= height ? 0 : pixels[py * width + px];
    }

    void clear() {
        java.util.Arrays.fill(pixels, 0, width * height, 0);
    }

    /// Fills a rectangle given in layout coordinates, blending translucent colours.
    void fill(int x, int y, int w, int h, int color) {
        fill(x, y, w, h, color, color >>> 24 == 0xFF);
    }

    /// Fills a rectangle with exactly `color`, whatever was there: for shapes drawn first on a
    /// cleared target (node plates), where blending over transparency would change nothing.
    void replace(int x, int y, int w, int h, int color) {
        fill(x, y, w, h, color, true);
    }

    private void fill(int x, int y, int w, int h, int color, boolean opaque) {
        int x0 = Math.max(0, x - originX);
        int y0 = Math.max(0, y - originY);
        int x1 = Math.min(width, x - originX + w);
        int y1 = Math.min(height, y - originY + h);
        for (int py = y0; py < y1; py++) {
            int row = py * width;
            if (opaque) {
                java.util.Arrays.fill(pixels, row + x0, row + Math.max(x0, x1), color);
            } else {
                for (int px = x0; px < x1; px++) {
                    pixels[row + px] = over(color, pixels[row + px]);
                }
            }
        }
    }

    /// Sets one pixel given in layout coordinates.
    void plot(int x, int y, int color) {
        int px = x - originX;
        int py = y - originY;
        if (px >= 0 && py >= 0 && px < width && py < height) {
            int i = py * width + px;
            pixels[i] = color >>> 24 == 0xFF ? color : over(color, pixels[i]);
        }
    }

    /// A `thickness`-pixel frame whose outer edge is the given rectangle.
    void frame(int x, int y, int w, int h, int thickness, int color) {
        fill(x, y, w, thickness, color);
        fill(x, y + h - thickness, w, thickness, color);
        fill(x, y + thickness, thickness, h - 2 * thickness, color);
        fill(x + w - thickness, y + thickness, thickness, h - 2 * thickness, color);
    }

    /// The pixels themselves, row-major, `width` per row: for renderers that fill whole rows.
    int[] pixels() {
        return pixels;
    }

    /// Premultiplied source-over.
    static int over(int src, int dst) {
        int inverse = 255 - (src >>> 24);
        int a = (src >>> 24) + ((dst >>> 24) * inverse + 127) / 255;
        int r = ((src >> 16) & 0xFF) + (((dst >> 16) & 0xFF) * inverse + 127) / 255;
        int g = ((src >> 8) & 0xFF) + (((dst >> 8) & 0xFF) * inverse + 127) / 255;
        int b = (src & 0xFF) + ((dst & 0xFF) * inverse + 127) / 255;
        return Math.min(a, 255) << 24 | Math.min(r, 255) << 16 | Math.min(g, 255) << 8 | Math.min(b, 255);
    }
}
