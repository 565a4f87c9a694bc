package org.ecslabs.simulator.engine;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a state class is stored: each field declared as {@code Map} is a resource map whose entries
 * are stored one row each; everything else (scalars, lists, maps declared with a concrete type)
 * is the state's "rest", one row. Thread-safe: immutable once built, cached per class.
 */
final class StateLayout {
    private static final Map<Class<?>, StateLayout> LAYOUTS = new ConcurrentHashMap<>();

    final Class<?> type;
    /** The entry-stored fields, in declaration order. */
    final List<Field> maps;
    /** For each of {@link #maps}, whether a fresh state object starts it sorted (a TreeMap). */
    private final List<Boolean> sorted;

    private StateLayout(Class<?> type) {
        this.type = type;
        List<Field> fields = new ArrayList<>();
        List<Boolean> sortedFields = new ArrayList<>();
        Object prototype = newInstance(type);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() != Map.class || Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
                    continue;
                }
                field.setAccessible(true);
                fields.add(field);
                sortedFields.add(read(field, prototype) instanceof SortedMap);
            }
        }
        this.maps = List.copyOf(fields);
        this.sorted = List.copyOf(sortedFields);
    }

    static StateLayout of(Class<?> type) {
        return LAYOUTS.computeIfAbsent(type, StateLayout::new);
    }

    /** An empty map of the kind the state class starts the field with (sorted or in insertion order). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Map newInner(int index, Map contents) {
        Map inner = sorted.get(index) ? new TreeMap() : new LinkedHashMap();
        if (contents != null) {
            inner.putAll(contents);
        }
        return inner;
    }

    Object newInstance() {
        return newInstance(type);
    }

    static Object read(Field field, Object state) {
        try {
            return field.get(state);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }

    static void write(Field field, Object state, Object value) {
        try {
            field.set(state, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot set " + field, e);
        }
    }

    static Object newInstance(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("State type " + type.getName() + " needs a no-arg constructor", e);
        }
    }
}
