package org.ecslabs.simulator.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One state type in one region of an account: the live object services change, and a mirror of
 * the rows the store holds for it (its rest and one row per resource-map entry). The mirror is
 * the change detector and the rollback point: {@link #diff} compares only the entries a call or
 * tick touched with their stored JSON. Invariant: after a successful write, the mirror equals the
 * rows in the database. Confined to the thread holding the account's lock.
 */
final class StateSlot {
    /** The row that holds the state's rest (everything but its resource maps). */
    static final String REST = "";

    private final String typeName;
    private StateLayout layout;
    private Object live;
    private String storedRest;
    /** field -> key -> stored entry. */
    private final Map<String, Map<String, StoredEntry>> stored = new HashMap<>();
    /** A whole-state JSON from before entries were stored one by one, converted on the next write. */
    private String legacyJson;

    record StoredEntry(long seq, String json) {
    }

    StateSlot(String typeName) {
        this.typeName = typeName;
    }

    String typeName() {
        return typeName;
    }

    /** A row read from the store. */
    void loaded(StateStore.EntryRow row) {
        if (row.field().equals(REST)) {
            storedRest = row.json();
        } else {
            stored.computeIfAbsent(row.field(), f -> new HashMap<>()).put(row.key(), new StoredEntry(row.seq(), row.json()));
        }
    }

    void loadedLegacy(String json) {
        legacyJson = json;
    }

    boolean hasLive() {
        return live != null;
    }

    /** The live state object, built from the stored rows on first use. */
    <T> T live(Class<T> type, StateCodec codec) {
        if (layout == null) {
            layout = StateLayout.of(type);
        }
        if (live == null) {
            live = build(codec);
        }
        return type.cast(live);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Object build(StateCodec codec) {
        if (legacyJson != null && storedRest == null && stored.isEmpty()) {
            Object state = codec.read(legacyJson, layout.type);
            for (int i = 0; i < layout.maps.size(); i++) {
                Field field = layout.maps.get(i);
                TrackedMap tracked = new TrackedMap(layout.newInner(i, (Map) StateLayout.read(field, state)));
                tracked.touchAll();
                StateLayout.write(field, state, tracked);
            }
            return state;
        }
        Object state = storedRest != null ? codec.read(storedRest, layout.type) : layout.newInstance();
        for (int i = 0; i < layout.maps.size(); i++) {
            Field field = layout.maps.get(i);
            Map<String, StoredEntry> entries = stored.get(field.getName());
            Map contents = null;
            if (entries != null && !entries.isEmpty()) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                entries.entrySet().stream()
                        .sorted(Comparator.comparingLong(e -> e.getValue().seq()))
                        .forEach(e -> node.set(e.getKey(), codec.tree(e.getValue().json())));
                contents = (Map) codec.convert(node, field.getGenericType());
            }
            StateLayout.write(field, state, new TrackedMap(layout.newInner(i, contents)));
        }
        return state;
    }

    /**
     * What must be written for the live object to be stored: the touched entries whose JSON
     * changed, the removed ones, and the rest if it changed. Clears the touch marks; does not
     * update the mirror (see {@link #apply}).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<StateStore.Change> diff(String region, StateCodec codec, LongSupplier nextSeq) {
        List<StateStore.Change> changes = new ArrayList<>();
        if (live == null) {
            return changes;
        }
        for (int i = 0; i < layout.maps.size(); i++) {
            Field field = layout.maps.get(i);
            Object value = StateLayout.read(field, live);
            TrackedMap tracked;
            if (value instanceof TrackedMap<?, ?> existing) {
                tracked = existing;
            } else {
                // The service put a new map in the field: compare all of it.
                tracked = new TrackedMap(layout.newInner(i, (Map) value));
                tracked.touchAll();
                StateLayout.write(field, live, tracked);
            }
            if (!tracked.anyTouched()) {
                continue;
            }
            String name = field.getName();
            Map<String, StoredEntry> before = stored.getOrDefault(name, Map.of());
            Map<Object, Object> inner = tracked.inner();
            Map<String, StateStore.Change> byKey = new LinkedHashMap<>();
            Iterable<?> keys = tracked.allTouched() ? inner.keySet() : tracked.touched();
            for (Object key : keys) {
                String text = String.valueOf(key);
                StoredEntry old = before.get(text);
                if (inner.containsKey(key)) {
                    String json = codec.write(inner.get(key));
                    if (old == null) {
                        byKey.put(text, StateStore.Change.insert(region, typeName, name, text, nextSeq.getAsLong(), json));
                    } else if (!old.json().equals(json)) {
                        byKey.put(text, StateStore.Change.update(region, typeName, name, text, old.seq(), json));
                    }
                } else if (old != null) {
                    byKey.put(text, StateStore.Change.delete(region, typeName, name, text));
                }
            }
            if (tracked.keysChanged() && !before.isEmpty()) {
                Set<String> present = new HashSet<>();
                inner.keySet().forEach(key -> present.add(String.valueOf(key)));
                for (String key : before.keySet()) {
                    if (!present.contains(key)) {
                        byKey.put(key, StateStore.Change.delete(region, typeName, name, key));
                    }
                }
            }
            tracked.clearTracking();
            changes.addAll(byKey.values());
        }
        String rest = restJson(codec);
        if (!rest.equals(storedRest)) {
            changes.add(storedRest == null
                    ? StateStore.Change.insert(region, typeName, REST, REST, 0, rest)
                    : StateStore.Change.update(region, typeName, REST, REST, 0, rest));
        }
        if (legacyJson != null) {
            changes.add(StateStore.Change.dropLegacy(region, typeName));
        }
        return changes;
    }

    /** The state without its resource maps (they are written as null and read back empty). */
    private String restJson(StateCodec codec) {
        Object[] saved = new Object[layout.maps.size()];
        for (int i = 0; i < saved.length; i++) {
            saved[i] = StateLayout.read(layout.maps.get(i), live);
            StateLayout.write(layout.maps.get(i), live, null);
        }
        try {
            return codec.write(live);
        } finally {
            for (int i = 0; i < saved.length; i++) {
                StateLayout.write(layout.maps.get(i), live, saved[i]);
            }
        }
    }

    /** Brings the mirror up to date with changes that are (being) written. */
    void apply(StateStore.Change change) {
        switch (change.kind()) {
            case DROP_LEGACY -> legacyJson = null;
            case DELETE -> {
                Map<String, StoredEntry> entries = stored.get(change.field());
                if (entries != null) {
                    entries.remove(change.key());
                }
            }
            case INSERT, UPDATE -> {
                if (change.field().equals(REST)) {
                    storedRest = change.json();
                } else {
                    stored.computeIfAbsent(change.field(), f -> new HashMap<>())
                            .put(change.key(), new StoredEntry(change.seq(), change.json()));
                }
            }
        }
    }

    /** Forgets the live object: the next use rebuilds it from the stored rows. */
    void dropLive() {
        live = null;
    }
}
