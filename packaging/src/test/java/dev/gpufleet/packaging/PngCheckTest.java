package dev.gpufleet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The smoke test's judge of a screenshot: a blank window, the wrong size or a file that is no
/// image fail with the reason; a drawn picture passes.
class PngCheckTest {

    @TempDir
    Path dir;

    @Test
    void aDrawnPicturePasses() throws IOException {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(i * 6, 255 - i * 6, (i * 37) % 256));
            g.fillRect((i % 10) * 20, (i / 10) * 25, 18, 23);
        }
        g.dispose();
        assertThat(PngCheck.check(write(image), "200x100")).startsWith("ok: ").contains("200x100");
    }

    @Test
    void anEmptyWindowIsBlank() throws IOException {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xFFFFFF);
        assertThat(PngCheck.check(write(image), "200x100")).contains("looks blank").contains("2 colours");
    }

    @Test
    void theWrongSizeOrNoImageSaySo() throws IOException {
        Path png = write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB));
        assertThat(PngCheck.check(png, "200x100")).endsWith("20x10, expected 200x100");
        Path text = Files.writeString(dir.resolve("fleet.png"), "not a picture");
        assertThat(PngCheck.check(text, "200x100")).contains("not a PNG");
        assertThat(PngCheck.check(dir.resolve("missing.png"), "200x100")).contains("no such file");
    }

    private Path write(BufferedImage image) throws IOException {
        Path file = dir.resolve("shot-" + System.nanoTime() + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
