package org.ecslabs.app.quiz;

/** One exam as lists show it, with its blueprint and page address. */
public record ExamSummary(ExamBlueprint blueprint, String url) {

    public static ExamSummary of(ExamBlueprint blueprint) {
        return new ExamSummary(blueprint, "/exams/" + blueprint.id());
    }
}
