package dev.gpufleet.sim.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/// The objects of one resource: initial ones built lazily from an [ObjectSource], changed and
/// created ones kept as objects, deleted ones dropped from the key index. Keys are ordered
/// like etcd's (`namespace/name`), which gives lists their order and `continue` its meaning.
///
/// Reads are lock-free; changes are serialised per store, take the next cluster-wide resource
/// version, go into a [WatchHistory] bounded in count and in time (as etcd's compaction bounds
/// the API server's) and out to every watcher.
///
/// @param <T> the object type
public final class ResourceStore<T extends HasMetadata> {

    private final ResourceType type;
    private final Class<T> objectClass;
    private final ObjectSource<T> source;
    private final ResourceVersions versions;
    private final long baseVersion;
    private final ConcurrentSkipListMap<String, Integer> index = new ConcurrentSkipListMap<>();
    private final Map<Integer, T> changed = new ConcurrentHashMap<>();
    private final WatchHistory history;
    private final List<WatchSubscription> watchers = new CopyOnWriteArrayList<>();
    private int nextSlot;

    /// What a list call produced besides its items.
    ///
    /// @param resourceVersion the store's version when the list began
    /// @param continueKey     the last key returned when more items remain, else null
    /// @param remaining       items after this page when more remain and the list selects
    ///                        everything (as the API server's `remainingItemCount`), else -1
    public record ListResult(long resourceVersion, @Nullable String continueKey, long remaining) {

        public ListResult(long resourceVersion, @Nullable String continueKey) {
            this(resourceVersion, continueKey, -1);
        }
    }

    /// A store whose watch history ages on `clock` (the simulation's clock, so a test that moves
    /// it sees old history compacted away).
    public ResourceStore(ResourceType type, Class<T> objectClass, ObjectSource<T> source, ResourceVersions versions,
            InstantSource clock) {
        this(type, objectClass, source, versions, new WatchHistory(clock));
    }

    ResourceStore(ResourceType type, Class<T> objectClass, ObjectSource<T> source, ResourceVersions versions,
            WatchHistory history) {
        this.type = type;
        this.objectClass = objectClass;
        this.source = source;
        this.versions = versions;
        this.baseVersion = versions.reserve(Math.max(1, source.size()));
        for (int i = 0; i < source.size(); i++) {
            index.put(key(source.namespace(i), source.name(i)), i);
        }
        this.history = history;
        this.nextSlot = source.size();
    }

    public ResourceType type() {
        return type;
    }

    public Class<T> objectClass() {
        return objectClass;
    }

    /// Number of objects now in the store.
    public int size() {
        return index.size();
    }

    /// The cluster's current resource version.
    public long resourceVersion() {
        return versions.current();
    }

    static String key(String namespace, String name) {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    public @Nullable T get(String namespace, String name) {
        Integer slot = index.get(key(namespace, name));
        return slot == null ? null : materialize(slot);
    }

    /// The object, or a 404 [ApiException] naming it.
    public T require(String namespace, String name) {
        T object = get(namespace, name);
        if (object == null) {
            throw ApiException.notFound(type, name);
        }
        return object;
    }

    private T materialize(int slot) {
        T object = changed.get(slot);
        return object != null ? object : source.build(slot, Long.toString(baseVersion + slot));
    }

    /// Hands every matching object, in key order, to `sink`; stops after `limit` (0: no limit).
    ///
    /// @param namespace   only this namespace, or null for all
    /// @param continueKey resume after this key (from a previous [ListResult])
    public ListResult list(@Nullable String namespace, Selection selection, int limit, @Nullable String continueKey,
            Consumer<? super T> sink) {
        long version = versions.current();
        NavigableMap<String, Integer> range = namespace == null || !type.namespaced()
                ? index : index.subMap(namespace + "/", true, namespace + "/\uffff", false);
        if (continueKey != null) {
            range = range.tailMap(continueKey, false);
        }
        int count = 0;
        String lastKey = null;
        for (Map.Entry<String, Integer> entry : range.entrySet()) {
            if (limit > 0 && count == limit) {
                // Like the API server, only an unfiltered list says how many items remain.
                long remaining = selection.isEverything() ? range.tailMap(lastKey, false).size() : -1;
                return new ListResult(version, lastKey, remaining);
            }
            int slot = entry.getValue();
            if (!changed.containsKey(slot) && slot < source.size() && selection.rejectsCheaply(source, slot)) {
                continue;
            }
            T object = materialize(slot);
            if (selection.matches(object)) {
                sink.accept(object);
                count++;
                lastKey = entry.getKey();
            }
        }
        return new ListResult(version, null);
    }

    /// Replaces an object with what `change` makes of it, under this store's lock, and tells
    /// watchers. `change` may throw an [ApiException] (e.g. a conflict) to refuse.
    public synchronized T update(String namespace, String name, UnaryOperator<T> change) {
        Integer slot = index.get(key(namespace, name));
        if (slot == null) {
            throw ApiException.notFound(type, name);
        }
        T before = materialize(slot);
        T after = change.apply(before);
        after.getMetadata().setName(before.getMetadata().getName());
        after.getMetadata().setNamespace(before.getMetadata().getNamespace());
        after.getMetadata().setUid(before.getMetadata().getUid());
        after.getMetadata().setCreationTimestamp(before.getMetadata().getCreationTimestamp());
        long version = versions.next();
        after.getMetadata().setResourceVersion(Long.toString(version));
        changed.put(slot, after);
        publish(new WatchEvent("MODIFIED", version, after));
        return after;
    }

    /// Adds a new object, giving it a UID and resource version.
    public synchronized T create(T object, String creationTimestamp) {
        String namespace = object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
        String key = key(namespace, object.getMetadata().getName());
        if (index.containsKey(key)) {
            throw ApiException.alreadyExists(type, object.getMetadata().getName());
        }
        if (object.getMetadata().getUid() == null) {
            object.getMetadata().setUid(UUID.randomUUID().toString());
        }
        object.getMetadata().setCreationTimestamp(creationTimestamp);
        long version = versions.next();
        object.getMetadata().setResourceVersion(Long.toString(version));
        int slot = nextSlot++;
        changed.put(slot, object);
        index.put(key, slot);
        publish(new WatchEvent("ADDED", version, object));
        return object;
    }

    /// Removes an object and tells watchers; returns it as it was last.
    public synchronized T delete(String namespace, String name) {
        Integer slot = index.remove(key(namespace, name));
        if (slot == null) {
            throw ApiException.notFound(type, name);
        }
        T object = materialize(slot);
        changed.remove(slot);
        long version = versions.next();
        object.getMetadata().setResourceVersion(Long.toString(version));
        publish(new WatchEvent("DELETED", version, object));
        return object;
    }

    private void publish(WatchEvent event) {
        history.add(event);
        for (WatchSubscription watcher : watchers) {
            watcher.offer(event);
        }
    }

    /// Starts watching: changes after `fromVersion` are replayed first, then new ones queue up.
    /// Initial objects count as created at their own resource version, so a watch from an
    /// object's version (as fabric8 starts one after a get) replays the creations after it.
    ///
    /// @param fromVersion a resource version from an earlier list, get or watch, or -1 for "from now"
    /// @throws ApiException 410 when the history no longer reaches back to `fromVersion`: changes
    ///                      after it were let go of for the count or the compaction window
    public synchronized WatchSubscription subscribe(long fromVersion) {
        history.compact();
        List<WatchEvent> replay = new ArrayList<>();
        if (fromVersion >= 0) {
            long oldest = history.evicted() ? history.evictedThrough() : baseVersion - 1;
            if (fromVersion < oldest) {
                throw ApiException.gone("too old resource version: " + fromVersion + " (" + oldest + ")");
            }
            if (!history.evicted()) {
                replayCreations(fromVersion, replay);
            }
            history.replayAfter(fromVersion, replay);
        }
        WatchSubscription subscription = new WatchSubscription(this, replay, versions.current());
        watchers.add(subscription);
        return subscription;
    }

    private void replayCreations(long fromVersion, List<WatchEvent> replay) {
        for (long s = Math.max(0, fromVersion - baseVersion + 1); s < source.size(); s++) {
            int slot = (int) s;
            Integer now = index.get(key(source.namespace(slot), source.name(slot)));
            if (now != null && now == slot) {
                replay.add(new WatchEvent("ADDED", baseVersion + slot, materialize(slot)));
            }
        }
    }

    /// Lets go of watch history older than the compaction window, for a store that has not
    /// changed or been watched for a while (the cluster's tick calls this now and then).
    public synchronized void compactHistory() {
        history.compact();
    }

    void unsubscribe(WatchSubscription subscription) {
        watchers.remove(subscription);
    }
}
