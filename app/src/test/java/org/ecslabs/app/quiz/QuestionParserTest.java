package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.junit.jupiter.api.Test;

class QuestionParserTest {
    private static final String HEADER = "---\ntopic: networking-modes\ntitle: Networking modes\nlesson: networking-modes\n---\n\n";

    private static final String GOOD = HEADER + """
            ## nm-fargate-mode
            domain: performant
            difficulty: easy
            lab: networking-modes

            A team moves a service to **Fargate**. Which network mode must its task definition use?

            - [ ] bridge
              Explanation: Bridge mode is for the EC2 launch type only.
            - [x] awsvpc
              Explanation: Fargate gives every task its own ENI,
              so awsvpc is the only mode it supports.
            - [ ] host
              Explanation: Host mode is for EC2 only.

            ## nm-two
            domain: secure
            difficulty: hard
            lesson: security

            Which two are true of awsvpc? (Choose
            two.)

            - [x] Each task gets its own ENI.
              Explanation: That is what awsvpc means.
            - [x] Security groups apply per task.
              Explanation: The task's ENI carries its security groups.
            - [ ] Tasks share the host's ports.
              Explanation: That is host mode.
            """;

    @Test
    void readsQuestionsWithMetadataStemOptionsAndExplanations() {
        QuestionParser.QuizFile file = QuestionParser.parse("networking-modes.md", GOOD);

        assertThat(file.topic()).isEqualTo("networking-modes");
        assertThat(file.questions()).hasSize(2);
        Question first = file.questions().get(0);
        assertThat(first.id()).isEqualTo("nm-fargate-mode");
        assertThat(first.domain()).isEqualTo(ExamDomain.PERFORMANT);
        assertThat(first.difficulty()).isEqualTo("easy");
        assertThat(first.lab()).isEqualTo("networking-modes");
        assertThat(first.lesson()).isEqualTo("networking-modes");
        assertThat(first.stem()).contains("**Fargate**");
        assertThat(first.options()).extracting(Question.Option::text).containsExactly("bridge", "awsvpc", "host");
        assertThat(first.correctIndexes()).containsExactly(1);
        assertThat(first.options().get(1).explanation()).isEqualTo("Fargate gives every task its own ENI, so awsvpc is the only mode it supports.");
        assertThat(first.source()).isEqualTo("networking-modes.md:7");

        Question second = file.questions().get(1);
        assertThat(second.multipleAnswer()).isTrue();
        assertThat(second.lesson()).isEqualTo("security");
        assertThat(second.isCorrect(Set.of(0, 1))).isTrue();
        assertThat(second.isCorrect(Set.of(0))).isFalse();
        assertThat(second.isCorrect(Set.of(0, 1, 2))).isFalse();
    }

    @Test
    void anOptionWithoutExplanationIsReportedAtItsLine() {
        String text = HEADER + "## q1\ndomain: cost\ndifficulty: easy\n\nStem?\n\n- [x] Yes\n- [ ] No\n  Explanation: no.\n";
        assertThatThrownBy(() -> QuestionParser.parse("bad.md", text))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessage("bad.md:14:3: option 'Yes' needs an indented 'Explanation:' line after it");
    }

    @Test
    void unknownDomainAndFieldsAreNamed() {
        assertThatThrownBy(() -> QuestionParser.parse("d.md", HEADER + "## q1\ndomain: speed\ndifficulty: easy\n\nS?\n\n- [x] a\n  Explanation: a\n- [ ] b\n  Explanation: b\n"))
                .hasMessageStartingWith("d.md:8:1: unknown domain 'speed'");
        assertThatThrownBy(() -> QuestionParser.parse("f.md", HEADER + "## q1\ndomain: cost\nlevel: easy\n\nS?\n"))
                .hasMessage("f.md:9:1: unknown field 'level' in question q1");
    }

    @Test
    void choiceCountMustMatchTheStem() {
        String noChoose = HEADER + "## q1\ndomain: cost\ndifficulty: easy\n\nWhich?\n\n- [x] a\n  Explanation: a\n- [x] b\n  Explanation: b\n- [ ] c\n  Explanation: c\n";
        assertThatThrownBy(() -> QuestionParser.parse("c.md", noChoose))
                .hasMessageContaining("has 2 correct options: its stem must say (Choose two.)");
        String noneRight = HEADER + "## q1\ndomain: cost\ndifficulty: easy\n\nWhich?\n\n- [ ] a\n  Explanation: a\n- [ ] b\n  Explanation: b\n";
        assertThatThrownBy(() -> QuestionParser.parse("c.md", noneRight)).hasMessageContaining("marks no option correct");
    }

    @Test
    void strayTextAndBadIdsAreRefused() {
        assertThatThrownBy(() -> QuestionParser.parse("s.md", HEADER + "Some intro\n"))
                .hasMessage("s.md:7:1: expected a question heading '## <question-id>', found 'Some intro'");
        assertThatThrownBy(() -> QuestionParser.parse("s.md", HEADER + "## Bad Id\n"))
                .hasMessageContaining("question id 'Bad Id' must be lower-case");
    }

    @Test
    void aRepeatedIdAcrossFilesNamesBothPlaces() {
        var files = java.util.List.of(new QuestionBank.SourceFile("a.md", GOOD), new QuestionBank.SourceFile("b.md", GOOD));
        assertThatThrownBy(() -> QuestionBank.load(files, java.util.List.of()))
                .hasMessage("b.md:7:4: question id 'nm-fargate-mode' is already used at a.md:7");
    }
}
