package dev.gpufleet.views.export;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/// "Save as" for exports: asks where (FX thread), writes off the FX thread so a big fleet's CSV
/// does not freeze the window, and says in a dialog what went wrong if it did.
public final class ExportDialogs {

    private ExportDialogs() {
    }

    /// Saves `what` as a PNG where the user chooses.
    public static void png(Node owner, Node what, String suggested) {
        File file = choose(owner, suggested, "PNG image", "*.png");
        if (file != null) {
            // The picture is taken here, on the FX thread; encoding and writing happen elsewhere.
            WritableImage image = what.snapshot(null, null);
            inBackground(owner, file, () -> ViewExport.writePng(image, file.toPath()));
        }
    }

    /// Saves rows as CSV where the user chooses; `rows` is computed off the FX thread, so it must
    /// read only immutable data (a frame, a matrix).
    public static void csv(Node owner, String suggested, List<String> header, Supplier<List<List<String>>> rows) {
        File file = choose(owner, suggested, "CSV (comma-separated values)", "*.csv");
        if (file != null) {
            inBackground(owner, file, () -> ViewExport.writeCsv(file.toPath(), header, rows.get()));
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void inBackground(Node owner, File file, Write write) {
        Thread.ofVirtual().name("gpufleet-export").start(() -> {
            try {
                write.run();
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> fail(owner, file, e));
            }
        });
    }

    private static File choose(Node owner, String suggested, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        return chooser.showSaveDialog(window);
    }

    private static void fail(Node owner, File file, Exception e) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "Could not write " + file + ": " + e.getMessage()
                + ". Choose another folder, or check its permissions and free space.");
        alert.setHeaderText("Export failed");
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        alert.show();
    }
}
