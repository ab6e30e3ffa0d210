package dev.gpufleet.packaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/// Checks that a screenshot is a real rendering, not an empty window: a PNG of the expected
/// size whose most common colour covers less than `MAX_BACKGROUND_SHARE` of it, with at least
/// `MIN_COLOURS` distinct colours. The smoke test runs it from the JDK alone
/// (`java PngCheck.java FILE WIDTHxHEIGHT`); exit 0 and one summary line when it passes, exit 1
/// and the reason when it does not.
public final class PngCheck {

    static final int MIN_COLOURS = 16;
    static final double MAX_BACKGROUND_SHARE = 0.97;

    private PngCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java PngCheck.java FILE.png WIDTHxHEIGHT");
            System.exit(2);
        }
        String verdict = check(Path.of(args[0]), args[1]);
        System.out.println(verdict);
        System.exit(verdict.startsWith("ok") ? 0 : 1);
    }

    /// `ok: ...` when the picture passes, else what is wrong with it.
    static String check(Path file, String expectedSize) throws IOException {
        if (!Files.isRegularFile(file)) {
            return file + ": no such file";
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            return file + ": not a PNG (or any image this JDK reads)";
        }
        String size = image.getWidth() + "x" + image.getHeight();
        if (!size.equals(expectedSize)) {
            return file + ": " + size + ", expected " + expectedSize;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double share = most / (double) (image.getWidth() * image.getHeight());
        if (counts.size() < MIN_COLOURS || share > MAX_BACKGROUND_SHARE) {
            return String.format("%s: looks blank: %d colours, the most common covers %.1f %%",
                    file, counts.size(), share * 100);
        }
        return String.format("ok: %s %s, %d colours, the most common covers %.1f %%",
                file, size, counts.size(), share * 100);
    }
}
