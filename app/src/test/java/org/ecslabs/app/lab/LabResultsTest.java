package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.ecslabs.simulator.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabResultsTest {

    private LabResults results;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabases.freshDataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        results = new LabResults(dataSource);
    }

    private static LabRun run(String lab, boolean... passes) {
        List<CheckResult> checks = new java.util.ArrayList<>();
        for (int i = 0; i < passes.length; i++) {
            checks.add(new CheckResult("c" + i, "Check " + i, passes[i], passes[i] ? "Passed." : "Not yet (found 1)"));
        }
        return LabRun.of(lab, checks);
    }

    @Test
    void keepsTheLatestWholeLabRunPerLabAndLearner() {
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        results.record("ana", Optional.empty(), run("first-fargate-task", false, false), t0);
        results.record("ana", Optional.empty(), run("first-fargate-task", true, false), t0.plusSeconds(60));
        results.record("ana", Optional.of(2), run("first-fargate-task", true), t0.plusSeconds(90));
        results.record("ana", Optional.empty(), run("daemon-services", true), t0.plusSeconds(120));
        results.record("ben", Optional.empty(), run("first-fargate-task", true, true), t0.plusSeconds(180));

        Map<String, LabResults.StoredRun> ana = results.latestByLab("ana");
        assertThat(ana).containsOnlyKeys("daemon-services", "first-fargate-task");
        LabResults.StoredRun fargate = ana.get("first-fargate-task");
        assertThat(fargate.run().passed()).isEqualTo(1);
        assertThat(fargate.run().total()).isEqualTo(2);
        assertThat(fargate.checkedAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(fargate.run().checks().get(1).message()).isEqualTo("Not yet (found 1)");
        assertThat(ana.get("daemon-services").run().complete()).isTrue();

        assertThat(results.latestStep("ana", "first-fargate-task", 2)).get()
                .satisfies(stored -> assertThat(stored.step()).contains(2));
        assertThat(results.latestStep("ben", "first-fargate-task", 2)).isEmpty();
    }
}
