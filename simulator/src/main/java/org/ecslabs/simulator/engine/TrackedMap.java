package org.ecslabs.simulator.engine;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A state object's resource map that remembers which entries a call or tick may have changed, so
 * that only those are compared with the store and written. An entry counts as touched as soon as
 * its value is handed out (a service changes a record through the reference it got), put or
 * removed; iterating over the values or entries touches all of them. Touching is conservative:
 * the engine then serializes the touched entries and writes only those whose JSON differs.
 * The engine puts one in every {@code Map}-typed field of a state object; services keep declaring
 * plain {@code Map} fields. Confined to the thread holding the account's lock, like the state.
 */
public final class TrackedMap<K, V> implements Map<K, V> {
    private final Map<K, V> inner;
    private final Set<Object> touched = new HashSet<>();
    /** Every entry may have changed: its values were iterated over. */
    private boolean all;
    /** Keys may have left through a view (keySet().removeIf, clear, an iterator's remove). */
    private boolean keysChanged;

    TrackedMap(Map<K, V> inner) {
        this.inner = inner;
    }

    /** The plain map underneath, for the engine's own reads (they touch nothing). */
    Map<K, V> inner() {
        return inner;
    }

    boolean allTouched() {
        return all;
    }

    boolean keysChanged() {
        return keysChanged;
    }

    Set<Object> touched() {
        return touched;
    }

    boolean anyTouched() {
        return all || keysChanged || !touched.isEmpty();
    }

    void clearTracking() {
        touched.clear();
        all = false;
        keysChanged = false;
    }

    void touchAll() {
        all = true;
        keysChanged = true;
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public boolean isEmpty() {
        return inner.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return inner.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return inner.containsValue(value);
    }

    @Override
    public V get(Object key) {
        V value = inner.get(key);
        if (value != null) {
            touched.add(key);
        }
        return value;
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        V value = inner.get(key);
        if (value != null) {
            touched.add(key);
            return value;
        }
        return defaultValue;
    }

    @Override
    public V put(K key, V value) {
        touched.add(key);
        return inner.put(key, value);
    }

    @Override
    public V remove(Object key) {
        touched.add(key);
        return inner.remove(key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> other) {
        touched.addAll(other.keySet());
        inner.putAll(other);
    }

    @Override
    public void clear() {
        keysChanged = true;
        inner.clear();
    }

    @Override
    public Set<K> keySet() {
        // Keys are immutable; only removal through the view changes the map.
        keysChanged = true;
        return inner.keySet();
    }

    @Override
    public Collection<V> values() {
        touchAll();
        return inner.values();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        touchAll();
        return inner.entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        all = true;
        inner.forEach(action);
    }

    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        touchAll();
        inner.replaceAll(function);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        touched.add(key);
        return inner.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        touched.add(key);
        return inner.remove(key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        touched.add(key);
        return inner.replace(key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        touched.add(key);
        return inner.replace(key, value);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        touched.add(key);
        return inner.computeIfAbsent(key, mappingFunction);
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        touched.add(key);
        return inner.computeIfPresent(key, remappingFunction);
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        touched.add(key);
        return inner.compute(key, remappingFunction);
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        touched.add(key);
        return inner.merge(key, value, remappingFunction);
    }

    @Override
    public boolean equals(Object other) {
        return inner.equals(other);
    }

    @Override
    public int hashCode() {
        return inner.hashCode();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
