package dev.gpufleet.connectors.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/// What a projection keeps alive, counted object by object: everything reachable from a root
/// through record components, collection elements and map entries, each distinct instance
/// (by identity) once. Strings, boxed numbers, enums and instants are leaves. Any other type
/// met on the way (a fabric8 object, say) is recorded, so a test can say none may be there.
final class RetainedGraph {

    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Integer> byClass = new TreeMap<>();
    private long stringChars;

    private RetainedGraph() {
    }

    static RetainedGraph of(Object root) {
        RetainedGraph graph = new RetainedGraph();
        graph.walk(root);
        return graph;
    }

    /// Distinct objects reachable, root included (the JDK's own collection internals not counted).
    int objects() {
        return seen.size();
    }

    /// Characters in all distinct strings reachable.
    long stringChars() {
        return stringChars;
    }

    /// How many distinct instances of each class, by class name.
    Map<String, Integer> byClass() {
        return byClass;
    }

    /// The distinct strings reachable.
    Set<String> strings() {
        Set<String> strings = new java.util.HashSet<>();
        for (Object o : seen) {
            if (o instanceof String s) {
                strings.add(s);
            }
        }
        return strings;
    }

    private void walk(Object root) {
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            byClass.merge(o.getClass().getName(), 1, Integer::sum);
            switch (o) {
                case String s -> stringChars += s.length();
                case Number n -> { }
                case Boolean b -> { }
                case Enum<?> e -> { }
                case Instant i -> { }
                case Iterable<?> items -> items.forEach(item -> push(todo, item));
                case Map<?, ?> map -> map.forEach((k, v) -> {
                    push(todo, k);
                    push(todo, v);
                });
                case Record r -> components(r, todo);
                default -> { } // recorded in byClass: a type a projection should not keep
            }
        }
    }

    private static void push(Deque<Object> todo, Object item) {
        if (item != null) {
            todo.push(item);
        }
    }

    private static void components(Record r, Deque<Object> todo) {
        for (RecordComponent component : r.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                push(todo, component.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError("cannot read " + component, e);
            }
        }
    }
}
