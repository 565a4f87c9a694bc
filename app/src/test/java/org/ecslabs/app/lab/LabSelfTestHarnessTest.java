package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The self-test is only worth something if it fails on a wrong lab: these labs are wrong on purpose. */
class LabSelfTestHarnessTest {

    private static Lab lab(String solution, String expect) {
        return LabParser.parse("harness.md", """
                ---
                id: harness
                title: Harness
                summary: A lab for testing the self-test.
                level: beginner
                minutes: 5
                domains: [cost]
                updated: 2026-11-21
                references:
                  - title: Clusters
                    url: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html
                ---

                ## Make a cluster

                !!! solution
                    ```bash
                    %s
                    ```

                ```check
                id: cluster-active
                title: The cluster is active
                call: ecs:DescribeClusters
                input: {clusters: [harness]}
                expect: "%s"
                fail: No active cluster harness.
                ```
                """.formatted(solution, expect));
    }

    @Test
    void aGoodLabPasses() {
        assertThatCode(() -> LabSelfTest.selfTest(lab("aws ecs create-cluster --cluster-name harness",
                "clusters[0].status == 'ACTIVE'"))).doesNotThrowAnyException();
    }

    @Test
    void aSolutionThatMissesItsCheckFailsWithTheStepCheckAndFoundValue() {
        assertThatThrownBy(() -> LabSelfTest.selfTest(lab("aws ecs create-cluster --cluster-name other",
                "clusters[0].status == 'ACTIVE'")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("harness.md step 1 'Make a cluster' check cluster-active: No active cluster harness."
                        + " (status: expected \"ACTIVE\", found nothing)");
    }

    @Test
    void aCheckThatPassesOnAFreshAccountFails() {
        assertThatThrownBy(() -> LabSelfTest.selfTest(lab("aws ecs create-cluster --cluster-name harness",
                "length(clusters) >= `0`")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("on a fresh account (after setup) at least one check must fail");
    }

    @Test
    void aBrokenSolutionCommandNamesItsLine() {
        assertThatThrownBy(() -> LabSelfTest.selfTest(lab("aws ecs create-cluster --cluster-nam harness",
                "clusters[0].status == 'ACTIVE'")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("harness.md:18 (step 1 'Make a cluster'): unknown option --cluster-nam");
    }
}
