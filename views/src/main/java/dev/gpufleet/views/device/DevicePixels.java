package dev.gpufleet.views.device;

import java.util.Arrays;

/// A `width × height` premultiplied-ARGB pixel array the device renderer draws into, with
/// clipping; opaque fills replace, translucent ones blend source-over.
public final class DevicePixels {

    private final int[] pixels;
    private final int width;
    private final int height;

    public DevicePixels(int[] pixels, int width, int height) {
        if (width < 1 || height < 1 || pixels.length < width * height) {
            throw new IllegalArgumentException("pixel array too small for " + width + "x" + height);
        }
        this.pixels = pixels;
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /// The pixel at `(x, y)`, or 0 outside.
    public int pixelAt(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[y * width + x];
    }

    void clear() {
        Arrays.fill(pixels, 0, width * height, 0);
    }

    void fill(int x, int y, int w, int h, int color) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        boolean opaque = color >>> 24 == 0xFF;
        for (int py = y0; py < y1; py++) {
            int row = py * width;
            if (opaque) {
                Arrays.fill(pixels, row + x0, row + Math.max(x0, x1), color);
            } else {
                for (int px = x0; px < x1; px++) {
                    pixels[row + px] = over(color, pixels[row + px]);
                }
            }
        }
    }

    /// A `thickness`-pixel frame whose outer edge is the rectangle.
    void frame(int x, int y, int w, int h, int thickness, int color) {
        fill(x, y, w, thickness, color);
        fill(x, y + h - thickness, w, thickness, color);
        fill(x, y + thickness, thickness, h - 2 * thickness, color);
        fill(x + w - thickness, y + thickness, thickness, h - 2 * thickness, color);
    }

    /// Diagonal hatching (every `pitch` pixels) inside the rectangle: the "not reported" mark.
    void hatch(int x, int y, int w, int h, int pitch, int color) {
        for (int py = Math.max(0, y); py < Math.min(height, y + h); py++) {
            for (int px = Math.max(0, x); px < Math.min(width, x + w); px++) {
                if (Math.floorMod(px - x + py - y, pitch) == 0) {
                    int i = py * width + px;
                    pixels[i] = color >>> 24 == 0xFF ? color : over(color, pixels[i]);
                }
            }
        }
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
