package org.ecslabs.app.lab;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.app.content.ContentFile;
import org.ecslabs.app.content.ContentSource;

/**
 * Every lab, read once at startup: a broken lab file stops the app with file:line:column
 * rather than reaching a learner. It is also the {@link LabDirectory} lessons and questions
 * link through. Immutable, so thread-safe.
 */
public final class LabCatalog implements LabDirectory {

    private final Map<String, Lab> labs;

    public LabCatalog(List<Lab> labs) {
        Map<String, Lab> byId = new LinkedHashMap<>();
        for (Lab lab : labs) {
            if (byId.put(lab.id(), lab) != null) {
                throw new IllegalArgumentException("two labs have the id '" + lab.id() + "'");
            }
        }
        this.labs = Collections.unmodifiableMap(byId);
    }

    /** The labs in {@code folder} ({@code labs/}), sorted by id. */
    public static LabCatalog fromFolder(Path folder) {
        return new LabCatalog(LabParser.loadAll(folder));
    }

    /** The labs of the course's {@code labs/} folder, on disk or bundled in the jar. */
    public static LabCatalog load(ContentSource content) {
        return new LabCatalog(content.list("labs").stream()
                // README.md documents the format for authors; it is not a lab.
                .filter(file -> !file.name().endsWith("/README.md"))
                .map(LabCatalog::parse)
                .sorted(Comparator.comparing(Lab::id))
                .toList());
    }

    private static Lab parse(ContentFile file) {
        String name = file.name().substring(file.name().lastIndexOf('/') + 1);
        return LabParser.parse(name, file.text());
    }

    public List<Lab> all() {
        return List.copyOf(labs.values());
    }

    public Optional<Lab> lab(String id) {
        return Optional.ofNullable(labs.get(id));
    }

    @Override
    public Optional<LabLink> find(String id) {
        return lab(id).map(lab -> new LabLink(lab.id(), lab.title(), "/labs/" + lab.id()));
    }
}
