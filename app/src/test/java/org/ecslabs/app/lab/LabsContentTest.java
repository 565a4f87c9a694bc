package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The labs in labs/ as a whole: they parse, use the agreed ids, and link to things that exist. */
class LabsContentTest {

    /** The lab ids and lesson slugs agreed in the content formats. */
    private static final Set<String> LAB_IDS = Set.of("first-fargate-task", "service-self-healing", "ec2-placement",
            "capacity-providers", "alb-service", "target-tracking", "step-and-scheduled-scaling",
            "rolling-update-circuit-breaker", "blue-green-codedeploy", "logging-and-secrets", "networking-modes",
            "daemon-services", "service-discovery", "placement-constraints",
            "troubleshooting-tasks");
    private static final Set<String> LESSON_SLUGS = Set.of("what-is-ecs", "clusters", "task-definitions",
            "tasks-and-services", "launch-types", "ecr-images", "networking-modes", "vpc-setup", "load-balancing",
            "service-auto-scaling", "deployments", "capacity-providers", "logging-monitoring", "security",
            "service-discovery", "codepipeline", "pricing", "limits", "task-placement", "efs-volumes",
            "troubleshooting", "observability", "choosing-compute", "glossary");

    @Test
    void everyLabParsesWithAnAgreedIdAndAtLeastThreeChecks() {
        List<Lab> labs = LabFiles.all();
        assertThat(labs.stream().map(Lab::id).collect(Collectors.toSet())).isSubsetOf(LAB_IDS);
        for (Lab lab : labs) {
            assertThat(lab.checks()).as(lab.id() + " checks").hasSizeGreaterThanOrEqualTo(3);
            assertThat(lab.steps()).as(lab.id() + " steps").allSatisfy(step ->
                    assertThat(step.hints()).as(lab.id() + " step '" + step.title() + "' hints").isNotEmpty());
        }
    }

    @Test
    void prerequisitesNameLessonsOrLabs() {
        for (Lab lab : LabFiles.all()) {
            assertThat(lab.prerequisites()).as(lab.id() + " prerequisites")
                    .allMatch(name -> LESSON_SLUGS.contains(name) || LAB_IDS.contains(name));
        }
    }
}
