package dev.gpufleet.sim.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;

/// Turns objects of one resource into Table rows, as the API server's printers do for
/// `kubectl get`.
public interface TablePrinter {

    List<Column> columns();

    /// One cell per column, in column order: strings, integers or booleans.
    List<Object> cells(HasMetadata object, Instant now);
}
