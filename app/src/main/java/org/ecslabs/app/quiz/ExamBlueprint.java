package org.ecslabs.app.quiz;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.FrontMatter;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * What a timed exam looks like: how many questions, how long, how they spread over the domains,
 * and the scaled score (100 to 1000) that passes.
 */
public record ExamBlueprint(String id, String title, String description, int questions, int minutes,
                            int passingScore, Map<ExamDomain, Integer> weights) {
    public static final int MIN_SCORE = 100;
    public static final int MAX_SCORE = 1000;
    private static final Set<String> FIELDS = Set.of("title", "questions", "minutes", "passingScore", "domains");

    public ExamBlueprint {
        weights = Map.copyOf(weights);
    }

    /** Parses {@code quizzes/exams/<id>.md}. */
    public static ExamBlueprint parse(String id, String file, String text) {
        FrontMatter front = FrontMatter.parse(file, text, FIELDS, FIELDS);
        int questions = front.integer("questions", 0);
        int minutes = front.integer("minutes", 0);
        int passing = front.integer("passingScore", 0);
        if (questions < 1 || questions > 200) {
            throw front.error("questions", "questions must be between 1 and 200");
        }
        if (minutes < 1 || minutes > 600) {
            throw front.error("minutes", "minutes must be between 1 and 600");
        }
        if (passing < MIN_SCORE || passing > MAX_SCORE) {
            throw front.error("passingScore", "passingScore must be on the scale " + MIN_SCORE + " to " + MAX_SCORE);
        }
        if (!(front.fields().get("domains") instanceof Map<?, ?> raw)) {
            throw front.error("domains", "domains must map each domain to its weight in percent, e.g. {secure: 30, resilient: 26, performant: 24, cost: 20}");
        }
        Map<ExamDomain, Integer> weights = new EnumMap<>(ExamDomain.class);
        raw.forEach((key, value) -> {
            ExamDomain domain = ExamDomain.byId(String.valueOf(key)).orElseThrow(() ->
                    front.error("domains", "unknown domain '" + key + "' (use one of: " + ExamDomain.ids() + ")"));
            if (!(value instanceof Number weight) || weight.intValue() < 0) {
                throw front.error("domains", "the weight of " + key + " must be a whole number of percent");
            }
            weights.put(domain, weight.intValue());
        });
        int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != 100) {
            throw new MarkdownFileException(file, front.lines().get("domains"), 1, "domain weights add up to " + sum + ", not 100");
        }
        return new ExamBlueprint(id, front.string("title"), front.body().strip(), questions, minutes, passing, weights);
    }
}
