package org.ecslabs.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** Accounts: generated key pairs, tenancy, classroom mode, credentials that outlive a restart. */
class AccountsTest {

    @Test
    void generatedAccountsLookLikeAwsAccounts() {
        try (SimulatorFixture simulator = SimulatorFixture.paused()) {
            Account account = simulator.simulator().accounts().create("Ada");
            assertThat(account.accountId()).matches("\\d{12}").isNotEqualTo("000000000000");
            assertThat(account.accessKeyId()).matches("AKIA[A-Z0-9]{16}");
            assertThat(account.secretAccessKey()).hasSize(40);
            assertThat(account.toString()).doesNotContain(account.secretAccessKey());
            assertThat(simulator.simulator().accounts().list()).containsExactly(account);
        }
    }

    @Test
    void twoAccountsSeeNothingOfEachOther() {
        try (SimulatorFixture simulator = SimulatorFixture.paused()) {
            Account ada = simulator.simulator().accounts().create("Ada");
            Account bob = simulator.simulator().accounts().create("Bob");
            try (EcsClient adaEcs = simulator.ecs(ada.accessKeyId(), ada.secretAccessKey());
                 EcsClient bobEcs = simulator.ecs(bob.accessKeyId(), bob.secretAccessKey());
                 EcsClient soloEcs = simulator.ecs("test", "test")) {
                String arn = adaEcs.createCluster(r -> r.clusterName("private")).cluster().clusterArn();
                assertThat(arn).isEqualTo("arn:aws:ecs:us-east-1:" + ada.accountId() + ":cluster/private");

                assertThat(adaEcs.listClusters().clusterArns()).containsExactly(arn);
                assertThat(bobEcs.listClusters().clusterArns()).isEmpty();
                assertThat(soloEcs.listClusters().clusterArns()).isEmpty();
                assertThatThrownBy(() -> bobEcs.describeClusters(r -> r.clusters(arn)))
                        .isInstanceOf(AccessDeniedException.class);
            }
            // Ada's secret does not sign for Bob's key.
            try (EcsClient forged = simulator.ecs(bob.accessKeyId(), ada.secretAccessKey())) {
                assertThatThrownBy(forged::listClusters).isInstanceOfSatisfying(EcsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
            }
        }
    }

    @Test
    void regionsAreSeparateSandboxes() {
        try (SimulatorFixture simulator = SimulatorFixture.paused();
             EcsClient east = simulator.ecs("test", "test");
             EcsClient west = SimulatorFixture.ecs(simulator.endpoint(), "test", "test", "eu-west-1")) {
            east.createCluster(r -> r.clusterName("east-only"));
            String westArn = west.createCluster(r -> r.clusterName("west-only")).cluster().clusterArn();
            assertThat(westArn).isEqualTo("arn:aws:ecs:eu-west-1:000000000000:cluster/west-only");
            assertThat(east.listClusters().clusterArns()).containsExactly(
                    "arn:aws:ecs:us-east-1:000000000000:cluster/east-only");
            assertThat(west.listClusters().clusterArns()).containsExactly(westArn);
        }
    }

    @Test
    void classroomModeRefusesTheWellKnownKey() {
        try (SimulatorFixture simulator = new SimulatorFixture(SimulatorConfig.inMemory()
                .withMode(Mode.CLASSROOM).withInitialSpeed(0).withTickEvery(null))) {
            try (EcsClient solo = simulator.ecs("test", "test")) {
                assertThatThrownBy(solo::listClusters).isInstanceOfSatisfying(EcsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            }
            Account student = simulator.simulator().accounts().create("student-1");
            try (EcsClient ecs = simulator.ecs(student.accessKeyId(), student.secretAccessKey())) {
                assertThat(ecs.listClusters().clusterArns()).isEmpty();
            }
        }
    }

    @Test
    void credentialsOutliveARestart(@TempDir Path data) {
        String url = TestDatabases.durableUrl(data);
        Account created;
        try (Simulator first = Simulator.create(SimulatorConfig.withJdbcUrl(url).withTickEvery(null))) {
            created = first.accounts().create("persistent");
        }
        try (Simulator second = Simulator.create(SimulatorConfig.withJdbcUrl(url).withTickEvery(null))) {
            assertThat(second.accounts().byAccessKey(created.accessKeyId()))
                    .hasValueSatisfying(a -> {
                        assertThat(a.accountId()).isEqualTo(created.accountId());
                        assertThat(a.secretAccessKey()).isEqualTo(created.secretAccessKey());
                    });
        }
    }
}
