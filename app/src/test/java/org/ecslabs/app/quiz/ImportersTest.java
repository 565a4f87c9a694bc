package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.Test;

class ImportersTest {
    private static final ImportDefaults DEFAULTS = new ImportDefaults("imp", "launch-types", "launch-types", ExamDomain.COST, "medium");

    @Test
    void giftMultipleChoiceWithFeedbackWeightsAndTrueFalse() {
        String gift = """
                // a comment
                $CATEGORY: ecs/launch
                ::Fargate mode:: Which network mode does Fargate require? {
                  =awsvpc #Each task gets an ENI.
                  ~bridge #EC2 only.
                  ~host
                }

                ::Two:: Pick the Fargate facts {
                  ~%50%No servers to manage #Right.
                  ~%50%Billed per vCPU and GB per second #Right.
                  ~%-100%Supports privileged containers #No.
                }

                Fargate supports the \\{awsvpc\\} mode only.{T}
                """;
        List<Question> questions = GiftImporter.parse("bank.gift", gift, DEFAULTS);

        assertThat(questions).hasSize(3);
        Question first = questions.get(0);
        assertThat(first.id()).isEqualTo("imp-fargate-mode");
        assertThat(first.stem()).isEqualTo("Which network mode does Fargate require?");
        assertThat(first.options()).extracting(Question.Option::text).containsExactly("awsvpc", "bridge", "host");
        assertThat(first.correctIndexes()).containsExactly(0);
        assertThat(first.options().get(0).explanation()).isEqualTo("Each task gets an ENI.");
        assertThat(first.options().get(2).explanation()).contains("no explanation");
        assertThat(first.domain()).isEqualTo(ExamDomain.COST);

        Question two = questions.get(1);
        assertThat(two.correctIndexes()).containsExactly(0, 1);
        assertThat(two.stem()).endsWith("(Choose two.)");

        Question tf = questions.get(2);
        assertThat(tf.stem()).isEqualTo("Fargate supports the {awsvpc} mode only.");
        assertThat(tf.options()).extracting(Question.Option::text).containsExactly("True", "False");
        assertThat(tf.correctIndexes()).containsExactly(0);
    }

    @Test
    void giftRefusesKindsWithoutOptions() {
        assertThatThrownBy(() -> GiftImporter.parse("x.gift", "\n\nWhat is ECS? {Elastic Container Service}\n", DEFAULTS))
                .hasMessageStartingWith("x.gift:3:1: only multiple-choice and true/false");
    }

    @Test
    void aikenSingleAnswer() {
        String aiken = """
                Which launch type needs no EC2 instances?
                A. EC2
                B) Fargate
                C. External
                ANSWER: B

                Which mode gives each task an ENI?
                A. bridge
                B. awsvpc
                ANSWER: B
                """;
        List<Question> questions = AikenImporter.parse("bank.txt", aiken, DEFAULTS);
        assertThat(questions).hasSize(2);
        assertThat(questions.get(0).options()).extracting(Question.Option::text).containsExactly("EC2", "Fargate", "External");
        assertThat(questions.get(0).correctIndexes()).containsExactly(1);
        assertThat(questions.get(1).id()).isEqualTo("imp-2");
        assertThat(questions.get(1).source()).isEqualTo("bank.txt:7");
    }

    @Test
    void aikenErrorsNameTheLine() {
        assertThatThrownBy(() -> AikenImporter.parse("a.txt", "Q?\nA. x\nB. y\n", DEFAULTS))
                .hasMessage("a.txt:4:1: expected 'ANSWER: <letter>' after the options");
        assertThatThrownBy(() -> AikenImporter.parse("a.txt", "Q?\nA. x\nB. y\nANSWER: D\n", DEFAULTS))
                .hasMessage("a.txt:4:9: ANSWER: D names no option");
        assertThatThrownBy(() -> AikenImporter.parse("a.txt", "Q?\nA. x\nC. y\nANSWER: A\n", DEFAULTS))
                .hasMessage("a.txt:3:1: expected option B, found C");
    }
}
