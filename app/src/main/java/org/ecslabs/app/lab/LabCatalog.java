package org.ecslabs.app.lab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every lab, read once at startup: a broken lab file stops the app with file:line:column
 * rather than reaching a learner. Immutable, so thread-safe.
 */
public final class LabCatalog {

    private final Map<String, Lab> labs;

    public LabCatalog(List<Lab> labs) {
        Map<String, Lab> byId = new LinkedHashMap<>();
        for (Lab lab : labs) {
            if (byId.put(lab.id(), lab) != null) {
                throw new IllegalArgumentException("two labs have the id '" + lab.id() + "'");
            }
        }
        this.labs = java.util.Collections.unmodifiableMap(byId);
    }

    /** The labs in {@code folder} ({@code labs/}), sorted by id. */
    public static LabCatalog fromFolder(Path folder) {
        return new LabCatalog(LabParser.loadAll(folder));
    }

    public List<Lab> all() {
        return List.copyOf(labs.values());
    }

    public Optional<Lab> find(String id) {
        return Optional.ofNullable(labs.get(id));
    }
}
