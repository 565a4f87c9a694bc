package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/quizzes/import: a GIFT or Aiken bank comes back as questions and as our Markdown, or as a line-numbered error. */
class QuizImportApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dataDir;

    private interface Body {
        void run(io.javalin.testtools.HttpClient client) throws Exception;
    }

    private void test(Body body) {
        try (AppContext context = QuizTestApp.context(dataDir, Clock.systemUTC())) {
            JavalinTest.test(App.create(context), (server, client) -> body.run(client));
        }
    }

    private static Map<String, Object> request(String format, String text) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("format", format);
        request.put("topic", "launch-types");
        request.put("title", "Launch types");
        request.put("domain", "cost");
        request.put("difficulty", "easy");
        request.put("text", text);
        return request;
    }

    @Test
    void aGiftBankComesBackAsQuestionsAndAsMarkdownTheParserAccepts() {
        String gift = """
                ::Fargate mode:: Which network mode does Fargate require? {
                  =awsvpc #Each task gets an ENI.
                  ~bridge #EC2 only.
                }
                """;
        test(client -> {
            var response = client.post("/api/quizzes/import", request("gift", gift));

            assertThat(response.code()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.get("count").asInt()).isEqualTo(1);
            JsonNode question = body.get("questions").get(0);
            assertThat(question.get("id").asText()).isEqualTo("launch-types-fargate-mode");
            assertThat(question.get("domain").asText()).isEqualTo("cost");
            assertThat(question.get("options").get(0).get("correct").asBoolean()).isTrue();
            assertThat(question.get("options").get(0).get("explanation").asText()).isEqualTo("Each task gets an ENI.");

            QuestionParser.QuizFile parsed = QuestionParser.parse("quizzes/launch-types.md", body.get("markdown").asText());
            assertThat(parsed.title()).isEqualTo("Launch types");
            Question again = parsed.questions().get(0);
            assertThat(again.id()).isEqualTo("launch-types-fargate-mode");
            assertThat(again.domain()).isEqualTo(ExamDomain.COST);
            assertThat(again.difficulty()).isEqualTo("easy");
            assertThat(again.correctIndexes()).containsExactly(0);
            assertThat(again.options().get(1).explanation()).isEqualTo("EC2 only.");
        });
    }

    @Test
    void anAikenErrorComesBackWithItsLine() {
        String aiken = "Which launch type needs no EC2 instances?\nA. EC2\nB. Fargate\nANSWER: Q\n";
        test(client -> {
            var response = client.post("/api/quizzes/import", request("aiken", aiken));

            assertThat(response.code()).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.get("line").isInt()).isTrue();
            assertThat(body.get("line").asInt()).isEqualTo(4);
            assertThat(body.get("column").asInt()).isEqualTo(9);
            assertThat(body.get("message").asText()).startsWith("import.aiken:4:");
        });
    }

    @Test
    void badParametersAreNamed() {
        test(client -> {
            Map<String, Object> badDomain = request("gift", "Q {=a ~b}");
            badDomain.put("domain", "security");
            var response = client.post("/api/quizzes/import", badDomain);
            assertThat(response.code()).isEqualTo(400);
            assertThat(JSON.readTree(response.body().string()).get("message").asText()).contains("Unknown domain 'security'");

            var notJson = client.post("/api/quizzes/import", "not json");
            assertThat(notJson.code()).isEqualTo(400);
            assertThat(JSON.readTree(notJson.body().string()).get("message").asText()).startsWith("The body must be JSON");

            var badFormat = client.post("/api/quizzes/import", request("qti", "x"));
            assertThat(badFormat.code()).isEqualTo(400);
            assertThat(JSON.readTree(badFormat.body().string()).get("message").asText()).contains("use gift or aiken");
        });
    }
}
