package dev.gpufleet.views.time;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.TimeStripData;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.jspecify.annotations.Nullable;

/// A GPU × time heatmap's state; knows no `Node`. Rows are the given GPUs in order (the
/// heatmap's selection, or everything its search shows); [#COLUMNS] columns of equal time
/// buckets cover the chosen [Span] up to the newest moment the history holds.
public final class GpuTimeModel {

    public static final int COLUMNS = 60;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /// How far back the columns reach.
    public enum Span {
        TEN_MINUTES(Duration.ofMinutes(10), "10 min"), ONE_HOUR(Duration.ofHours(1), "1 h"),
        SIX_HOURS(Duration.ofHours(6), "6 h");

        private final Duration length;
        private final String label;

        Span(Duration length, String label) {
            this.length = length;
            this.label = label;
        }

        public Duration length() {
            return length;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final HistoryAccess history;
    private final Executor fx;
    private final List<GpuSelection> rows;
    private final ObjectProperty<TimeSeries> series = new SimpleObjectProperty<>(this, "series", TimeSeries.UTILIZATION);
    private final ObjectProperty<Span> span = new SimpleObjectProperty<>(this, "span", Span.TEN_MINUTES);
    private final ReadOnlyObjectWrapper<@Nullable HistoryMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private long request;

    public GpuTimeModel(HistoryAccess history, List<GpuSelection> rows, Executor fx) {
        this.history = Objects.requireNonNull(history, "history");
        this.rows = List.copyOf(rows);
        this.fx = Objects.requireNonNull(fx, "fx");
        series.addListener((observable, before, after) -> load());
        span.addListener((observable, before, after) -> load());
        load();
    }

    /// Reads the matrix for the current series and span; the answer lands on the FX thread.
    public void load() {
        long mine = ++request;
        TimeSeries wanted = series.get();
        Span window = span.get();
        List<GpuKey> keys = rows.stream().map(GpuTimeModel::key).toList();
        message.set("Reading " + rows.size() + " GPUs × " + COLUMNS + " buckets…");
        history.window().thenCompose(held -> {
            if (held.isEmpty()) {
                return CompletableFuture.<@Nullable HistoryMatrix>completedFuture(null);
            }
            int bucketTicks = (int) Math.max(1, window.length().toMillis() / COLUMNS / held.get().resolution().toMillis());
            return history.matrix(keys, wanted.metric(), held.get().newest(), COLUMNS, bucketTicks)
                    .thenApply(m -> (@Nullable HistoryMatrix) m);
        }).whenComplete((read, failed) -> fx.execute(() -> {
            if (mine != request) {
                return;
            }
            if (failed != null) {
                matrix.set(null);
                message.set("The history could not be read: " + failed.getMessage());
            } else if (read == null) {
                matrix.set(null);
                message.set("No history yet: it fills as telemetry arrives.");
            } else {
                matrix.set(read);
                message.set(rows.size() + (rows.size() == 1 ? " GPU" : " GPUs") + " × " + COLUMNS + " buckets of "
                        + human(read.bucket()) + ", " + CLOCK.format(read.from()) + " – "
                        + CLOCK.format(read.timeOf(COLUMNS)));
            }
        }));
    }

    /// The strip's input for the renderer: display values (percent, GiB, W, °C), NaN for none.
    public TimeStripData stripData() {
        HistoryMatrix read = matrix.get();
        if (read == null) {
            return TimeStripData.blank(rows.size(), COLUMNS);
        }
        float[] values = new float[read.values().length];
        TimeSeries shown = series.get();
        for (int i = 0; i < values.length; i++) {
            values[i] = shown.display(read.values()[i]);
        }
        return new TimeStripData(values, read.rows(), read.columns());
    }

    /// What a cell says: `gpu-h100-a-003 GPU 5 · 10:42:10 · 87 %`.
    public String describe(int row, int column) {
        HistoryMatrix read = matrix.get();
        if (row < 0 || row >= rows.size() || column < 0 || column >= COLUMNS) {
            return "";
        }
        GpuSelection gpu = rows.get(row);
        String where = gpu.node() + " GPU " + gpu.index();
        if (read == null) {
            return where;
        }
        return where + " · " + CLOCK.format(read.timeOf(column)) + " · " + series.get().format(read.value(row, column));
    }

    /// The CSV of the matrix: cluster, node, GPU, then one column per bucket (its start time),
    /// values in display units, empty where nothing was reported.
    public List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("cluster", "node", "gpu"));
        HistoryMatrix read = matrix.get();
        for (int column = 0; column < COLUMNS; column++) {
            header.add(read == null ? "bucket " + column : read.timeOf(column).toString());
        }
        return header;
    }

    public List<List<String>> csvRows() {
        return csvRowsLater().get();
    }

    /// [#csvRows()] computed later, on any thread, from the matrix and series shown now.
    public Supplier<List<List<String>>> csvRowsLater() {
        TimeStripData data = stripData();
        return () -> csvRows(data);
    }

    private List<List<String>> csvRows(TimeStripData data) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            GpuSelection gpu = rows.get(row);
            List<String> line = new ArrayList<>(List.of(gpu.cluster(), gpu.node(), Integer.toString(gpu.index())));
            for (int column = 0; column < COLUMNS; column++) {
                float value = data.value(row, column);
                line.add(Float.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value));
            }
            out.add(line);
        }
        return out;
    }

    public List<GpuSelection> rows() {
        return rows;
    }

    public ObjectProperty<TimeSeries> seriesProperty() {
        return series;
    }

    public ObjectProperty<Span> spanProperty() {
        return span;
    }

    public ReadOnlyObjectProperty<@Nullable HistoryMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    static GpuKey key(GpuSelection gpu) {
        String uuid = gpu.uuid();
        return new GpuKey(gpu.cluster(), gpu.node(), uuid == null || uuid.isBlank() ? "#" + gpu.index() : uuid);
    }

    private static String human(Duration bucket) {
        return bucket.toMinutes() >= 1 && bucket.toSecondsPart() == 0 ? bucket.toMinutes() + " min" : bucket.toSeconds() + " s";
    }
}
