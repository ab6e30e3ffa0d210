package dev.gpufleet.views.time;

import dev.gpufleet.views.heatmap.ColorScale;
import dev.gpufleet.views.heatmap.PixelTarget;
import dev.gpufleet.views.heatmap.TimeStripData;
import dev.gpufleet.views.heatmap.TimeStripLayout;
import dev.gpufleet.views.heatmap.TimeStripRenderer;
import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import dev.gpufleet.views.export.ExportDialogs;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;

/// The GPU × time heatmap: one row per GPU, one column per time bucket, drawn by
/// [TimeStripRenderer] into one pixel buffer (no node per cell). More rows than pixels are
/// folded, each pixel row showing its rows' worst value, so one hot GPU among thousands
/// stays visible. Hover says which GPU, when, and the value.
public final class GpuTimeView extends BorderPane {

    /// A bucket without a reading: a dark grey, distinct from every colour of the scales.
    static final int NO_DATA = 0xFF2B2F36;
    private static final int COLUMN_WIDTH_MIN = 4;

    private final GpuTimeModel model;
    private final Pane canvas = new Pane();
    private final ImageView image = new ImageView();
    private final Label hover = new Label();
    private TimeStripLayout layout = TimeStripLayout.of(0, GpuTimeModel.COLUMNS, 1, COLUMN_WIDTH_MIN);
    private final Subscription subscriptions;

    public GpuTimeView(GpuTimeModel model) {
        this.model = model;
        getStyleClass().add("gpu-time-view");
        ChoiceBox<TimeSeries> series = new ChoiceBox<>();
        series.getItems().setAll(TimeSeries.values());
        series.valueProperty().bindBidirectional(model.seriesProperty());
        ChoiceBox<GpuTimeModel.Span> span = new ChoiceBox<>();
        span.getItems().setAll(GpuTimeModel.Span.values());
        span.valueProperty().bindBidirectional(model.spanProperty());
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        Button png = new Button("PNG…");
        png.setOnAction(e -> ExportDialogs.png(this, canvas, "gpu-x-time.png"));
        Button csv = new Button("CSV…");
        csv.setOnAction(e -> ExportDialogs.csv(this, "gpu-x-time.csv", model.csvHeader(), model.csvRowsLater()));
        setTop(new ToolBar(new Label("Colour by"), series, new Label("over the last"), span, png, csv, message));
        canvas.getChildren().add(image);
        canvas.setMinSize(0, 0);
        setCenter(canvas);
        hover.setPadding(new Insets(4, 8, 4, 8));
        setBottom(hover);
        subscriptions = Subscription.combine(
                model.matrixProperty().subscribe(m -> redraw()),
                canvas.widthProperty().subscribe(w -> redraw()),
                canvas.heightProperty().subscribe(h -> redraw()));
        canvas.setOnMouseMoved(e -> hover.setText(describeAt(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hover.setText(""));
    }

    /// What the cell under canvas point `(x, y)` shows, empty outside the strip.
    public String describeAt(double x, double y) {
        int row = layout.rowAt((int) y);
        int column = layout.columnAt((int) x);
        return row < 0 || column < 0 ? "" : model.describe(row, column);
    }

    /// The strip's layout for the current size (for tests and hit-testing).
    public TimeStripLayout stripLayout() {
        return layout;
    }

    public GpuTimeModel model() {
        return model;
    }

    void redraw() {
        int width = (int) canvas.getWidth();
        int height = (int) canvas.getHeight();
        int rows = model.rows().size();
        if (width < GpuTimeModel.COLUMNS || height < 1 || rows == 0) {
            image.setImage(null);
            return;
        }
        int columnWidth = Math.max(1, width / GpuTimeModel.COLUMNS);
        layout = TimeStripLayout.fit(rows, GpuTimeModel.COLUMNS, columnWidth, height);
        int w = layout.width();
        int h = Math.min(height, layout.height());
        int[] pixels = new int[w * h];
        Arrays.fill(pixels, NO_DATA);
        TimeStripData data = model.stripData();
        ColorScale scale = model.seriesProperty().get().scale();
        new TimeStripRenderer(scale, NO_DATA).render(new PixelTarget(pixels, w, h, 0, 0), layout, data);
        PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
        image.setImage(new WritableImage(buffer));
    }

    /// Releases the subscriptions (when the window closes).
    public void dispose() {
        subscriptions.unsubscribe();
    }

    /// Opens the view in a window of its own over `owner`.
    public static Stage openWindow(Window owner, GpuTimeModel model, String title) {
        GpuTimeView view = new GpuTimeView(model);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(view, 1000, 640);
        if (owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> view.dispose());
        stage.show();
        return stage;
    }
}
