package dev.gpufleet.sim.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The initial objects of one resource, built on demand by index so that a store for 100,000
/// pods holds only their keys until someone reads them.
///
/// @param <T> the object type
public interface ObjectSource<T extends HasMetadata> {

    /// Number of initial objects; indices run from 0 to `size() - 1`.
    int size();

    /// Namespace of object `index`, or the empty string for cluster-scoped resources.
    String namespace(int index);

    /// Name of object `index`; cheap, no object is built.
    String name(int index);

    /// Builds object `index` with the given resource version.
    T build(int index, String resourceVersion);

    /// The value of a field-selector field without building the object, or null when this
    /// source cannot tell cheaply.
    default @Nullable String cheapField(int index, String field) {
        return null;
    }

    /// The object's labels without building it, or null when this source cannot tell cheaply.
    default @Nullable Map<String, String> cheapLabels(int index) {
        return null;
    }
}
