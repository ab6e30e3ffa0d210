package dev.gpufleet.views.export;

import java.io.File;
import java.io.IOException;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/// "Save as" for exports: asks where, writes, and says what went wrong in a dialog if it did.
public final class ExportDialogs {

    private ExportDialogs() {
    }

    /// Saves `what` as a PNG where the user chooses.
    public static void png(Node owner, Node what, String suggested) {
        File file = choose(owner, suggested, "PNG image", "*.png");
        if (file != null) {
            try {
                ViewExport.writePng(what, file.toPath());
            } catch (IOException | RuntimeException e) {
                fail(owner, file, e);
            }
        }
    }

    /// Saves rows as CSV where the user chooses.
    public static void csv(Node owner, String suggested, List<String> header, List<List<String>> rows) {
        File file = choose(owner, suggested, "CSV (comma-separated values)", "*.csv");
        if (file != null) {
            try {
                ViewExport.writeCsv(file.toPath(), header, rows);
            } catch (IOException | RuntimeException e) {
                fail(owner, file, e);
            }
        }
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
