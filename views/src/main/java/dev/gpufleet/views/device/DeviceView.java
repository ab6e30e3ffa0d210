package dev.gpufleet.views.device;

import dev.gpufleet.views.heatmap.HeatmapPalette;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// One GPU from the inside: its instances over the card's compute and memory slices, and its
/// engines over time. Draws into a pixel buffer ([DeviceViewSkin]); the few texts are labels
/// over it. Feed it by binding [#bind(DeviceViewModel)] or by setting its properties.
public class DeviceView extends Control {

    static final String STYLESHEET =
            Objects.requireNonNull(DeviceView.class.getResource("device-view.css")).toExternalForm();

    private final ObjectProperty<DevicePicture> picture = new SimpleObjectProperty<>(this, "picture",
            DevicePicture.none("No GPU opened", ""));
    private final ObjectProperty<List<EngineRow>> rows = new SimpleObjectProperty<>(this, "rows", EngineRow.NVIDIA);
    private final ObjectProperty<EngineFrame> engines = new SimpleObjectProperty<>(this, "engines",
            EngineFrame.empty(EngineRow.NVIDIA.size(), 60, DeviceViewModel.RESOLUTION));
    private final ObjectProperty<HeatmapPalette> palette =
            new SimpleObjectProperty<>(this, "palette", HeatmapPalette.DARK);
    private final IntegerProperty selectedBlock = new SimpleIntegerProperty(this, "selectedBlock", -1);
    private final StringProperty engineSubject = new SimpleStringProperty(this, "engineSubject", "the whole GPU");
    private final IntegerProperty hoveredCell = new SimpleIntegerProperty(this, "hoveredCell", -1);
    private final ReadOnlyObjectWrapper<@Nullable DeviceGeometry> geometry =
            new ReadOnlyObjectWrapper<>(this, "geometry");

    public DeviceView() {
        getStyleClass().add("device-view");
        setFocusTraversable(true);
    }

    /// Shows what `model` says until the returned subscription is cancelled.
    public Subscription bind(DeviceViewModel model) {
        picture.bind(model.pictureProperty());
        rows.bind(model.rowsProperty());
        engines.bind(model.enginesProperty());
        engineSubject.bind(model.engineSubjectProperty());
        return () -> {
            engineSubject.unbind();
            picture.unbind();
            rows.unbind();
            engines.unbind();
        };
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new DeviceViewSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    public ObjectProperty<DevicePicture> pictureProperty() {
        return picture;
    }

    public ObjectProperty<List<EngineRow>> rowsProperty() {
        return rows;
    }

    public ObjectProperty<EngineFrame> enginesProperty() {
        return engines;
    }

    /// The heatmap's palette, so plates and "no data" look the same in both views.
    public ObjectProperty<HeatmapPalette> paletteProperty() {
        return palette;
    }

    /// The block (index into the picture's blocks) outlined as selected, -1 for none.
    public IntegerProperty selectedBlockProperty() {
        return selectedBlock;
    }

    /// Whose engines the heatmap shows, for its caption.
    public StringProperty engineSubjectProperty() {
        return engineSubject;
    }

    /// The engine cell under the mouse as `row * columns + column`, -1 for none.
    public IntegerProperty hoveredCellProperty() {
        return hoveredCell;
    }

    /// The geometry of the last drawing, in device pixels (null before the first layout).
    public ReadOnlyObjectProperty<@Nullable DeviceGeometry> geometryProperty() {
        return geometry.getReadOnlyProperty();
    }

    /// The pixel drawn at control point `(x, y)` (premultiplied ARGB, 0 outside or unskinned).
    public int drawnPixelAt(double x, double y) {
        return getSkin() instanceof DeviceViewSkin skin ? skin.pixelAt(x, y) : 0;
    }

    void setGeometry(DeviceGeometry value) {
        geometry.set(value);
    }
}
