package org.ecslabs.app.classroom;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.ecslabs.app.content.ExamDomain;

/**
 * The instructor's class matrix: the {@link ClassReport} rows, filtered by name and sorted by a
 * column, with each column header a plain link (query parameters {@code q}, {@code sort} and
 * {@code dir}) so it works without JavaScript. Unknown parameters fall back to sorting by name.
 */
public final class Dashboard {

    /** A column header: its label, the link that sorts by it, and whether (and how) it sorts now. */
    public record Column(String key, String label, String href, String sorted) {
    }

    /** One student's row, and where they last ran a check. */
    public record Line(ClassReport.Row row, Optional<ClassActivity.LastCheck> lastCheck) {
    }

    private record Sort(String key, String label, Comparator<ClassReport.Row> order) {
    }

    private static final List<Sort> SORTS = sorts();

    private Dashboard() {
    }

    private static List<Sort> sorts() {
        List<Sort> sorts = new ArrayList<>();
        sorts.add(new Sort("name", "Student", Comparator.comparing(row -> row.name().toLowerCase(Locale.ROOT))));
        sorts.add(new Sort("lessons", "Lessons", Comparator.comparingInt(ClassReport.Row::lessonsCompleted)));
        sorts.add(new Sort("labs", "Labs completed", Comparator.comparingInt(ClassReport.Row::labsCompleted)));
        sorts.add(new Sort("checks", "Checks passed", Comparator.comparingInt(ClassReport.Row::checksPassed)));
        for (ExamDomain domain : ExamDomain.values()) {
            sorts.add(new Sort("domain-" + domain.id(), "Quiz: " + domain.id(),
                    nullsFirst(row -> row.domains().get(domain.id()))));
        }
        sorts.add(new Sort("exam", "Best exam", nullsFirst(ClassReport.Row::bestExamScore)));
        sorts.add(new Sort("active", "Last active", nullsFirst(ClassReport.Row::lastActive)));
        return List.copyOf(sorts);
    }

    private static <T extends Comparable<T>> Comparator<ClassReport.Row> nullsFirst(Function<ClassReport.Row, T> key) {
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    /** The rows whose name or user name holds {@code query} (any case), in the order asked for. */
    static List<ClassReport.Row> view(List<ClassReport.Row> rows, String query, String sort, boolean descending) {
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        Comparator<ClassReport.Row> order = find(sort).order();
        if (descending) {
            order = order.reversed();
        }
        return rows.stream()
                .filter(row -> needle.isEmpty() || row.name().toLowerCase(Locale.ROOT).contains(needle)
                        || row.username().contains(needle))
                .sorted(order.thenComparing(ClassReport.Row::username)).toList();
    }

    /** The headers: a click sorts by the column, a second click on the sorted column reverses it. */
    static List<Column> columns(String classId, String query, String sort, boolean descending) {
        String current = find(sort).key();
        List<Column> columns = new ArrayList<>();
        for (Sort candidate : SORTS) {
            boolean active = candidate.key().equals(current);
            boolean nextDescending = active && !descending;
            String href = "/classes/" + classId + "?sort=" + candidate.key() + "&dir=" + (nextDescending ? "desc" : "asc")
                    + (query == null || query.isBlank() ? "" : "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            columns.add(new Column(candidate.key(), candidate.label(), href,
                    active ? (descending ? "descending" : "ascending") : "none"));
        }
        return columns;
    }

    private static Sort find(String key) {
        return SORTS.stream().filter(sort -> sort.key().equals(key)).findFirst().orElse(SORTS.get(0));
    }
}
