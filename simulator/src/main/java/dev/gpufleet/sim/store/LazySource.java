package dev.gpufleet.sim.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/// An [ObjectSource] made of functions over an index: names are computed, objects built only
/// when read.
///
/// @param <T> the object type
public final class LazySource<T extends HasMetadata> implements ObjectSource<T> {

    /// Builds object `index` with a resource version.
    @FunctionalInterface
    public interface Builder<T> {
        T build(int index, String resourceVersion);
    }

    /// Reads a field-selector field of object `index` without building it, or returns null.
    @FunctionalInterface
    public interface CheapFields {
        @Nullable String value(int index, String field);
    }

    private final int size;
    private final IntFunction<String> namespace;
    private final IntFunction<String> name;
    private final Builder<T> builder;
    private final CheapFields cheapFields;
    private final @Nullable IntFunction<Map<String, String>> cheapLabels;

    public LazySource(int size, IntFunction<String> namespace, IntFunction<String> name, Builder<T> builder,
            CheapFields cheapFields, @Nullable IntFunction<Map<String, String>> cheapLabels) {
        this.size = size;
        this.namespace = namespace;
        this.name = name;
        this.builder = builder;
        this.cheapFields = cheapFields;
        this.cheapLabels = cheapLabels;
    }

    /// A source without cheap field or label access.
    public static <T extends HasMetadata> LazySource<T> of(int size, IntFunction<String> namespace,
            IntFunction<String> name, Builder<T> builder) {
        return new LazySource<>(size, namespace, name, builder, (i, f) -> null, null);
    }

    /// A source over objects built up front (for small, fixed sets such as events).
    public static <T extends HasMetadata> LazySource<T> fixed(List<T> objects) {
        List<T> copy = List.copyOf(objects);
        return of(copy.size(), i -> {
            String ns = copy.get(i).getMetadata().getNamespace();
            return ns == null ? "" : ns;
        }, i -> copy.get(i).getMetadata().getName(), (i, rv) -> {
            T object = copy.get(i);
            object.getMetadata().setResourceVersion(rv);
            return object;
        });
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String namespace(int index) {
        return namespace.apply(index);
    }

    @Override
    public String name(int index) {
        return name.apply(index);
    }

    @Override
    public T build(int index, String resourceVersion) {
        return builder.build(index, resourceVersion);
    }

    @Override
    public @Nullable String cheapField(int index, String field) {
        return switch (field) {
            case "metadata.name" -> name(index);
            case "metadata.namespace" -> namespace(index);
            default -> cheapFields.value(index, field);
        };
    }

    @Override
    public @Nullable Map<String, String> cheapLabels(int index) {
        return cheapLabels == null ? null : cheapLabels.apply(index);
    }
}
