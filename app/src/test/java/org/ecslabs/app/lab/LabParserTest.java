package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.ecslabs.app.cli.Command;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.junit.jupiter.api.Test;

class LabParserTest {

    private static final String FRONT = """
            ---
            id: demo-lab
            title: A demo lab
            summary: Runs one service.
            level: beginner
            minutes: 20
            domains: [resilient, cost]
            prerequisites: [tasks-and-services]
            updated: 2026-11-21
            references:
              - title: Amazon ECS services
                url: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html
            video:
              title: A talk
              url: https://www.youtube.com/watch?v=abc
            resources: [an ECS cluster]
            cost: Free on the simulator.
            requires: [elbv2]
            ---
            """;

    private static final String BODY = """
            You will run a service.

            ## Setup

            ```bash
            aws ecs create-cluster --cluster-name demo
            ```

            ## Create the service

            Create a service with two tasks.

            ```bash
            aws ecs list-services --cluster demo
            ```

            !!! hint
                Use `aws ecs create-service`.

            !!! hint "Another"
                Set `--desired-count 2`.

            !!! solution
                ```bash
                aws ecs create-service --cluster demo \\
                    --service-name web --desired-count 2
                ecslabs clock advance --seconds 60
                ```

            ```check
            id: two-tasks
            title: The service wants two tasks
            call: ecs:DescribeServices
            input: {cluster: demo, services: [web]}
            expect: "services[0].desiredCount == `2`"
            fail: Service web should want two tasks.
            ```

            ## Clean-up

            ```bash
            aws ecs delete-cluster --cluster demo
            ```
            """;

    private static Lab parse(String text) {
        return LabParser.parse("demo-lab.md", text);
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void readsFrontMatterSectionsStepsHintsSolutionAndChecks() {
        Lab lab = parse(FRONT + BODY);
        assertThat(lab.id()).isEqualTo("demo-lab");
        assertThat(lab.level()).isEqualTo("beginner");
        assertThat(lab.minutes()).isEqualTo(20);
        assertThat(lab.domains()).containsExactly("resilient", "cost");
        assertThat(lab.updated()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(lab.references()).extracting(Lab.Link::title).containsExactly("Amazon ECS services");
        assertThat(lab.video()).get().extracting(Lab.Link::url).isEqualTo("https://www.youtube.com/watch?v=abc");
        assertThat(lab.requires()).containsExactly("elbv2");
        assertThat(lab.cost()).contains("Free on the simulator.");
        assertThat(lab.introduction()).isEqualTo("You will run a service.");
        assertThat(lab.setup()).get().extracting(section -> section.commands().get(0).text())
                .isEqualTo("aws ecs create-cluster --cluster-name demo");
        assertThat(lab.cleanup()).get().extracting(section -> section.commands().size()).isEqualTo(1);

        assertThat(lab.steps()).hasSize(1);
        Step step = lab.steps().get(0);
        assertThat(step.number()).isEqualTo(1);
        assertThat(step.title()).isEqualTo("Create the service");
        assertThat(step.markdown()).contains("Create a service with two tasks.", "aws ecs list-services")
                .doesNotContain("hint", "check", "create-service");
        assertThat(step.hints()).containsExactly("Use `aws ecs create-service`.", "Set `--desired-count 2`.");
        assertThat(step.solution()).get().asString().startsWith("```bash");
        String text = FRONT + BODY;
        assertThat(step.solutionCommands()).containsExactly(
                new Command("aws ecs create-service --cluster demo      --service-name web --desired-count 2",
                        lineOf(text, "    aws ecs create-service")),
                new Command("ecslabs clock advance --seconds 60", lineOf(text, "    ecslabs clock")));
        Check check = step.checks().get(0);
        assertThat(check.id()).isEqualTo("two-tasks");
        assertThat(check.call()).isEqualTo("ecs:DescribeServices");
        assertThat(check.input().toString()).isEqualTo("{\"cluster\":\"demo\",\"services\":[\"web\"]}");
        assertThat(check.expect()).isEqualTo("services[0].desiredCount == `2`");
        assertThat(check.line()).isEqualTo(lineOf(text, "```check"));
        assertThat(lab.checks()).containsExactly(check);
    }

    private static void assertBroken(String text, String needle, int column, String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(MarkdownFileException.class)
                .satisfies(thrown -> {
                    MarkdownFileException e = (MarkdownFileException) thrown;
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.file()).isEqualTo("demo-lab.md");
                    assertThat(e.line()).as("line of " + needle).isEqualTo(lineOf(text, needle));
                    if (column > 0) {
                        assertThat(e.column()).as("column").isEqualTo(column);
                    }
                });
    }

    @Test
    void unknownFrontMatterFieldsAndBadValuesAreRefusedWithTheirLine() {
        assertBroken(FRONT.replace("cost: Free", "costs: Free") + BODY, "costs:", 1, "unknown field 'costs'");
        assertBroken(FRONT.replace("level: beginner", "level: expert") + BODY, "level:", 0, "level must be one of");
        assertBroken(FRONT.replace("[resilient, cost]", "[resilience]") + BODY, "domains:", 0, "unknown exam domain 'resilience'");
        assertBroken(FRONT.replace("requires: [elbv2]", "requires: [ecs]") + BODY, "requires:", 0, "beyond ecs and ec2");
        assertBroken(FRONT.replace("id: demo-lab", "id: other-lab") + BODY, "id:", 0, "must match the file name");
        assertBroken(FRONT.replace("https://docs", "ftp://docs") + BODY, "references:", 0, "must start with https://");
        assertBroken(FRONT.replace("minutes: 20", "minutes: soon") + BODY, "minutes:", 0, "whole number");
    }

    @Test
    void brokenChecksPointAtTheirLineAndColumn() {
        String text = FRONT + BODY;
        assertBroken(text.replace("call: ecs:DescribeServices", "call: ecs:DescribeServicez"), "call:", 7,
                "unknown operation 'DescribeServicez' of service ecs");
        assertBroken(text.replace("call: ecs:DescribeServices", "call: ecz:DescribeServices"), "call:", 7,
                "unknown service 'ecz'");
        assertBroken(text.replace("call: ecs:DescribeServices", "call: DescribeServices"), "call:", 7,
                "call must be 'service:Operation'");
        assertBroken(text.replace("{cluster: demo,", "{clusterName: demo,"), "input:", 8,
                "DescribeServices: unknown member 'clusterName'");
        assertBroken(text.replace("services[0].desiredCount ==", "services[0.desiredCount =="), "expect: \"services", 0,
                "expect is not a valid JMESPath expression");
        assertBroken(text.replace("input: {cluster: demo, services: [web]}", "input: {cluster: demo, services: [web]"),
                "expect: \"services", 0, "the check is not valid YAML");
        assertBroken(text.replace("fail: Service web should want two tasks.\n", ""), "id: two-tasks", 1,
                "the check has no 'fail'");
        assertBroken(text.replace("fail: Service", "failure: Service"), "failure:", 1, "unknown check field 'failure'");
    }

    @Test
    void structuralMistakesAreRefused() {
        String text = FRONT + BODY;
        assertBroken(text.replace("""
                !!! solution
                    ```bash
                    aws ecs create-service --cluster demo \\
                        --service-name web --desired-count 2
                    ecslabs clock advance --seconds 60
                    ```
                """, ""), "## Create the service", 1, "has checks but no '!!! solution'");
        assertBroken(text.replace("aws ecs delete-cluster --cluster demo\n```", "aws ecs delete-cluster --cluster demo\n"),
                "```bash\naws ecs delete-cluster", 1, "never closed");
        String twice = text.replace("## Clean-up", """
                ## Second step

                !!! solution
                    ```bash
                    aws ecs list-clusters
                    ```

                ```check
                id: two-tasks
                title: Again
                call: ecs:ListClusters
                expect: "clusterArns"
                fail: No clusters.
                ```

                ## Clean-up""");
        assertBroken(twice, "id: two-tasks\ntitle: Again", 1, "check id 'two-tasks' is used twice");
        assertBroken(FRONT + "Just prose.\n", "Just prose.", 1, "at least one step");
        assertBroken(text.replace("## Setup\n", "## Setup\n\n```check\nid: x\n```\n"), "```check\nid: x", 1,
                "checks belong in steps");
        assertBroken(text.replace("    aws ecs create-service --cluster demo \\\n", "    aws ecs create-service --cluster 'demo \\\n"),
                "    aws ecs create-service --cluster 'demo", 1, "a quote (') is never closed");
    }
}
