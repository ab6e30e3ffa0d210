package dev.gpufleet.views.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/// Writes a view's picture (PNG) or numbers (CSV) to a file, atomically: a reader never sees
/// half a file, and a failed write leaves an existing file as it was.
public final class ViewExport {

    private ViewExport() {
    }

    /// The node as it is drawn now, as a PNG (FX thread).
    public static void writePng(Node node, Path file) throws IOException {
        writePng(node.snapshot(null, null), file);
    }

    /// A picture already taken, as a PNG (any thread).
    public static void writePng(WritableImage image, Path file) throws IOException {
        Path temp = temp(file);
        try {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", temp.toFile())) {
                throw new IOException("no PNG writer is available");
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /// `header` and `rows` as RFC 4180 CSV in UTF-8 (fields quoted where they need it).
    public static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        Path temp = temp(file);
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                writeRow(out, header);
                for (List<String> row : rows) {
                    writeRow(out, row);
                }
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static Path temp(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
