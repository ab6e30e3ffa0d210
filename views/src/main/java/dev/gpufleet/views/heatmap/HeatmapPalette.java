package dev.gpufleet.views.heatmap;

/// The non-scale colours of the heatmap, as premultiplied ARGB ints ready for the pixel buffer.
///
/// The control fills this from its CSS properties, so light and dark themes restyle it;
/// [#DARK] and [#LIGHT] are the built-in values for tests and for use without CSS.
///
/// @param plate a node's plate behind its cells
/// @param cordonedPlate the plate of a cordoned (unschedulable) node
/// @param noTelemetry fill of a cell without a reading
/// @param noTelemetryMark the cross drawn over such a cell
/// @param failing border of a FAILING GPU
/// @param warning corner mark of a WARNING GPU
/// @param selection outline of the selected cell
/// @param hover outline of the cell under the mouse
public record HeatmapPalette(
        int plate,
        int cordonedPlate,
        int noTelemetry,
        int noTelemetryMark,
        int failing,
        int warning,
        int selection,
        int hover) {

    public static final HeatmapPalette DARK = new HeatmapPalette(
            premultiply(0x2E8B949E), premultiply(0x40D29922), premultiply(0x596E7681), premultiply(0xE6A0A8B2),
            0xFFF85149, 0xFFE3A21A, 0xFFFFFFFF, premultiply(0xCCC9D1D9));

    public static final HeatmapPalette LIGHT = new HeatmapPalette(
            premultiply(0x26AFB8C1), premultiply(0x40BF8700), premultiply(0x406E7781), premultiply(0xE6424A53),
            0xFFCF222E, 0xFFBF8700, 0xFF1F2328, premultiply(0xCC57606A));

    /// Converts a straight (non-premultiplied) ARGB colour to the premultiplied form the buffer holds.
    public static int premultiply(int argb) {
        int alpha = argb >>> 24;
        if (alpha == 0xFF) {
            return argb;
        }
        int r = ((argb >> 16) & 0xFF) * alpha / 255;
        int g = ((argb >> 8) & 0xFF) * alpha / 255;
        int b = (argb & 0xFF) * alpha / 255;
        return alpha << 24 | r << 16 | g << 8 | b;
    }

    /// Straight ARGB from colour components in 0..1, as JavaFX's `Color` gives them.
    public static int argb(double red, double green, double blue, double opacity) {
        return channel(opacity) << 24 | channel(red) << 16 | channel(green) << 8 | channel(blue);
    }

    private static int channel(double value) {
        return (int) Math.round(Math.clamp(value, 0.0, 1.0) * 255);
    }
}
