package dev.gpufleet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/// The icon files are parsed back as Windows and macOS read them: directory, offsets, lengths,
/// and a PNG of the right size behind every entry.
class IconMakerTest {

    @Test
    void drawsTheChipOnATransparentBackground() {
        BufferedImage icon = IconMaker.draw(256);
        assertThat(icon.getRGB(0, 0) >>> 24).as("corner alpha").isZero();
        assertThat(icon.getRGB(128, 128) >>> 24).as("centre alpha").isEqualTo(255);
        long colours = Arrays.stream(icon.getRGB(0, 0, 256, 256, null, 0, 256)).distinct().count();
        assertThat(colours).as("a drawing, not a fill").isGreaterThan(8);
    }

    @Test
    void icoHasOneDirectoryEntryPerSizeEachPointingAtItsPng() throws IOException {
        byte[] ico = IconMaker.ico();
        ByteBuffer in = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getShort(0)).as("reserved").isZero();
        assertThat(in.getShort(2)).as("type 1 = icon").isEqualTo((short) 1);
        assertThat(in.getShort(4)).isEqualTo((short) IconMaker.ICO_SIZES.length);
        int end = 6 + 16 * IconMaker.ICO_SIZES.length;
        for (int i = 0; i < IconMaker.ICO_SIZES.length; i++) {
            int entry = 6 + 16 * i;
            int size = IconMaker.ICO_SIZES[i];
            assertThat(Byte.toUnsignedInt(in.get(entry))).isEqualTo(size == 256 ? 0 : size);
            assertThat(in.getShort(entry + 6)).as("bits per pixel").isEqualTo((short) 32);
            int length = in.getInt(entry + 8);
            int offset = in.getInt(entry + 12);
            assertThat(offset).as("entry %d starts where the previous ended", i).isEqualTo(end);
            end = offset + length;
            assertThat(png(Arrays.copyOfRange(ico, offset, offset + length)).getWidth()).isEqualTo(size);
        }
        assertThat(end).as("nothing after the last image").isEqualTo(ico.length);
    }

    @Test
    void icnsLengthsAddUpAndEachEntryIsAPngOfItsType() throws IOException {
        byte[] icns = IconMaker.icns();
        ByteBuffer in = ByteBuffer.wrap(icns).order(ByteOrder.BIG_ENDIAN);
        assertThat(new String(icns, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(in.getInt(4)).as("file length in the header").isEqualTo(icns.length);
        int at = 8;
        for (int i = 0; i < IconMaker.ICNS_TYPES.length; i++) {
            assertThat(new String(icns, at, 4, StandardCharsets.US_ASCII)).isEqualTo(IconMaker.ICNS_TYPES[i]);
            int length = in.getInt(at + 4);
            BufferedImage image = png(Arrays.copyOfRange(icns, at + 8, at + length));
            assertThat(image.getWidth()).as(IconMaker.ICNS_TYPES[i]).isEqualTo(IconMaker.ICNS_SIZES[i]);
            at += length;
        }
        assertThat(at).isEqualTo(icns.length);
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        assertThat(Arrays.copyOf(bytes, 4)).as("PNG signature").containsExactly(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).isNotNull();
        assertThat(image.getHeight()).isEqualTo(image.getWidth());
        return image;
    }
}
