package org.ecslabs.app.quiz;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.web.Feature;

/**
 * {@code POST /api/quizzes/import}: checks a GIFT or Aiken bank and answers with its questions
 * and the same questions in our Markdown format, or the first error with its line and column.
 * Nothing is stored: the author saves the Markdown as {@code quizzes/<topic>.md}.
 */
public final class QuizImportApi implements Feature {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");

    /**
     * The request body.
     *
     * @param format     "gift" or "aiken"
     * @param lesson     optional, defaults to the topic
     * @param idPrefix   optional, defaults to the topic
     * @param difficulty optional, defaults to medium
     */
    public record ImportRequest(String format, String topic, String title, String lesson, String domain,
                                String difficulty, String idPrefix, String text) {
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.post("/api/quizzes/import", this::importBank);
    }

    private void importBank(Context ctx) {
        ImportRequest request;
        try {
            request = ctx.bodyAsClass(ImportRequest.class);
        } catch (Exception e) {
            // Jackson's parse errors are checked exceptions that Javalin rethrows unchecked.
            throw new BadRequestResponse("The body must be JSON: {\"format\": \"gift\" or \"aiken\", \"topic\", "
                    + "\"domain\", \"difficulty\", \"text\"}.");
        }
        String format = required(request.format(), "format").toLowerCase();
        String topic = id(required(request.topic(), "topic"), "topic");
        ExamDomain domain = ExamDomain.byId(required(request.domain(), "domain")).orElseThrow(() ->
                new BadRequestResponse("Unknown domain '" + request.domain() + "': use one of " + ExamDomain.ids() + "."));
        String difficulty = request.difficulty() == null || request.difficulty().isBlank() ? "medium" : request.difficulty();
        if (!DIFFICULTIES.contains(difficulty)) {
            throw new BadRequestResponse("Unknown difficulty '" + difficulty + "': use easy, medium or hard.");
        }
        String lesson = request.lesson() == null || request.lesson().isBlank() ? topic : id(request.lesson(), "lesson");
        String prefix = request.idPrefix() == null || request.idPrefix().isBlank() ? topic : id(request.idPrefix(), "idPrefix");
        String text = required(request.text(), "text");
        ImportDefaults defaults = new ImportDefaults(prefix, topic, lesson, domain, difficulty);
        String file = "import." + format;
        // A bank that does not parse is a MarkdownFileException: ErrorHandling answers 400 with its line and column.
        List<Question> questions = switch (format) {
            case "gift" -> GiftImporter.parse(file, text, defaults);
            case "aiken" -> AikenImporter.parse(file, text, defaults);
            default -> throw new BadRequestResponse("Unknown format '" + request.format() + "': use gift or aiken.");
        };
        if (questions.isEmpty()) {
            throw new BadRequestResponse("The text holds no questions.");
        }
        String title = request.title() == null || request.title().isBlank() ? topic : request.title().strip();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", questions.size());
        body.put("questions", questions.stream().map(QuizImportApi::json).toList());
        body.put("markdown", QuestionMarkdown.file(topic, title, lesson, questions));
        ctx.json(body);
    }

    private static Map<String, Object> json(Question question) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", question.id());
        out.put("topic", question.topic());
        out.put("lesson", question.lesson());
        out.put("domain", question.domain().id());
        out.put("difficulty", question.difficulty());
        out.put("stem", question.stem());
        out.put("options", question.options().stream().map(option -> Map.of("text", option.text(),
                "correct", option.correct(), "explanation", option.explanation())).toList());
        out.put("source", question.source());
        return out;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BadRequestResponse("'" + field + "' is required.");
        }
        return value;
    }

    private static String id(String value, String field) {
        if (!ID.matcher(value).matches()) {
            throw new BadRequestResponse("'" + field + "' must be lower-case letters, digits and hyphens, such as launch-types.");
        }
        return value;
    }
}
