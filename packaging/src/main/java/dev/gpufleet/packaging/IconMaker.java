package dev.gpufleet.packaging;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/// Draws the gpufleet icon — a chip holding a 4 × 4 heatmap of GPU cells, one of them failing —
/// and writes it in each installer's format from that one drawing: `gpufleet.png` (Linux, 256 px),
/// `gpufleet.ico` (Windows: 16–256 px PNG entries) and `gpufleet.icns` (macOS: 16–1024 px PNG
/// entries). Runs from the JDK alone (`java IconMaker.java OUT_DIR`), so the installer script
/// needs no build of this module first.
public final class IconMaker {

    /// Sizes in a Windows icon; 256 is written as 0 in the directory, as the format says.
    static final int[] ICO_SIZES = {16, 32, 48, 64, 128, 256};

    /// macOS icon types holding PNG data, with their pixel sizes (`ic10` is 512 pt at 2×).
    static final String[] ICNS_TYPES = {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10"};
    static final int[] ICNS_SIZES = {16, 32, 64, 128, 256, 512, 1024};

    /// Heatmap colours of the cells, row by row: mostly busy and idle GPUs, one warning, one failing.
    private static final int[] CELLS = {
        0x2E7D32, 0x43A047, 0x66BB6A, 0x2E7D32,
        0x43A047, 0xFBC02D, 0x2E7D32, 0x81C784,
        0x66BB6A, 0x2E7D32, 0xE53935, 0x43A047,
        0x81C784, 0x43A047, 0x2E7D32, 0x66BB6A,
    };

    private IconMaker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java IconMaker.java OUT_DIR  (writes gpufleet.png, .ico and .icns there)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Files.write(out.resolve("gpufleet.png"), png(draw(256)));
        Files.write(out.resolve("gpufleet.ico"), ico());
        Files.write(out.resolve("gpufleet.icns"), icns());
    }

    /// The icon at `size` × `size` pixels, on a transparent background.
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double s = size / 256.0;
            drawPins(g, s);
            g.setColor(new Color(0x1E2530));
            g.fill(new RoundRectangle2D.Double(28 * s, 28 * s, 200 * s, 200 * s, 36 * s, 36 * s));
            g.setColor(new Color(0x76B900));
            g.setStroke(new BasicStroke((float) Math.max(1, 6 * s)));
            g.draw(new RoundRectangle2D.Double(31 * s, 31 * s, 194 * s, 194 * s, 32 * s, 32 * s));
            drawCells(g, s);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawPins(Graphics2D g, double s) {
        g.setColor(new Color(0x9AA5B1));
        for (int i = 0; i < 4; i++) {
            double along = (55 + i * 44) * s;
            double w = 14 * s;
            double len = 26 * s;
            g.fill(new RoundRectangle2D.Double(along, 6 * s, w, len, 4 * s, 4 * s));
            g.fill(new RoundRectangle2D.Double(along, 256 * s - 6 * s - len, w, len, 4 * s, 4 * s));
            g.fill(new RoundRectangle2D.Double(6 * s, along, len, w, 4 * s, 4 * s));
            g.fill(new RoundRectangle2D.Double(256 * s - 6 * s - len, along, len, w, 4 * s, 4 * s));
        }
    }

    private static void drawCells(Graphics2D g, double s) {
        double cell = 38 * s;
        double gap = 6 * s;
        double origin = 128 * s - 2 * cell - 1.5 * gap;
        for (int i = 0; i < CELLS.length; i++) {
            double x = origin + (i % 4) * (cell + gap);
            double y = origin + (i / 4) * (cell + gap);
            g.setColor(new Color(CELLS[i]));
            g.fill(new RoundRectangle2D.Double(x, y, cell, cell, 8 * s, 8 * s));
        }
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /// A Windows icon: a 6-byte header, one 16-byte directory entry per size, then each image as
    /// PNG (allowed in `.ico` since Windows Vista), all little-endian.
    static byte[] ico() {
        List<byte[]> images = new ArrayList<>();
        for (int size : ICO_SIZES) {
            images.add(png(draw(size)));
        }
        int offset = 6 + 16 * images.size();
        int total = offset + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES[i];
            buffer.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buffer.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            buffer.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(buffer::put);
        return buffer.array();
    }

    /// A macOS icon family: `icns` and the file's length, then per image its 4-character type,
    /// its length including that 8-byte header, and its PNG data, all big-endian.
    static byte[] icns() {
        List<byte[]> images = new ArrayList<>();
        for (int size : ICNS_SIZES) {
            images.add(png(draw(size)));
        }
        int total = 8 + images.stream().mapToInt(b -> 8 + b.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        buffer.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(total);
        for (int i = 0; i < images.size(); i++) {
            buffer.put(ICNS_TYPES[i].getBytes(StandardCharsets.US_ASCII)).putInt(8 + images.get(i).length);
            buffer.put(images.get(i));
        }
        return buffer.array();
    }
}
