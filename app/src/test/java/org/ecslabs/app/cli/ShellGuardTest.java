package org.ecslabs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the console lets through to the command runner, and what it refuses before anything runs. */
class ShellGuardTest {

    @Test
    void awsEcslabsEchoAndVariablesPass() {
        assertThat(ShellGuard.check("aws ecs list-clusters")).isEmpty();
        assertThat(ShellGuard.check("ecslabs clock advance --seconds 60")).isEmpty();
        assertThat(ShellGuard.check("echo $TASK")).isEmpty();
        assertThat(ShellGuard.check("CLUSTER=demo")).isEmpty();
        assertThat(ShellGuard.check("export CLUSTER=demo")).isEmpty();
        assertThat(ShellGuard.check("TASK=$(aws ecs list-tasks --cluster demo --query 'taskArns[0]' --output text)")).isEmpty();
        assertThat(ShellGuard.check("TASK=\"$(aws ecs list-tasks --cluster demo --output text)\"")).isEmpty();
    }

    @Test
    void operatorsInsideQuotesAreData() {
        assertThat(ShellGuard.check("aws ecs list-clusters --query 'clusterArns | [0]'")).isEmpty();
        assertThat(ShellGuard.check("aws ecs list-clusters --query \"clusterArns[?contains(@, 'a') && contains(@, 'b')]\"")).isEmpty();
        assertThat(ShellGuard.check("aws ecs describe-services --cluster c --services s --query 'length(services) > `0`'")).isEmpty();
        assertThat(ShellGuard.check("aws ecs create-cluster --cluster-name a\\;b")).isEmpty();
    }

    @Test
    void otherProgramsAndShellOperatorsAreRefused() {
        assertThat(ShellGuard.check("rm -rf /")).get().satisfies(refusal -> {
            assertThat(refusal.exitCode()).isEqualTo(127);
            assertThat(refusal.message()).startsWith("rm: command not found.");
        });
        assertThat(ShellGuard.check("curl http://example.com")).isPresent();
        assertThat(ShellGuard.check("/bin/sh -c id")).isPresent();
        assertThat(ShellGuard.check("aws ecs list-clusters | sh")).get().extracting(ShellGuard.Refusal::exitCode).isEqualTo(252);
        assertThat(ShellGuard.check("aws ecs list-clusters; id")).isPresent();
        assertThat(ShellGuard.check("aws ecs list-clusters && id")).isPresent();
        assertThat(ShellGuard.check("aws ecs list-clusters & id")).isPresent();
        assertThat(ShellGuard.check("aws ecs list-clusters > out.json")).isPresent();
        assertThat(ShellGuard.check("aws ecs create-cluster --cluster-name < /etc/passwd")).isPresent();
        assertThat(ShellGuard.check("aws ecs create-cluster --cluster-name `id`")).isPresent();
        assertThat(ShellGuard.check("aws ecs create-cluster --cluster-name \"`id`\"")).isPresent();
        assertThat(ShellGuard.check("aws ecs create-cluster --cluster-name $(id)")).isPresent();
        assertThat(ShellGuard.check("NAME=prefix-$(id)")).isPresent();
        assertThat(ShellGuard.check("NAME=$(curl http://example.com)")).get().extracting(ShellGuard.Refusal::message)
                .asString().startsWith("curl: command not found.");
    }

    @Test
    void onAnAwsAccountTheSimulatorsOwnCommandsAreRefusedAndTheRestPasses() {
        for (String command : new String[] {"ecslabs clock advance --seconds 30", "ecslabs", "  ecslabs help",
                "NOW=$(ecslabs clock show)", "export NOW=\"$(ecslabs clock show)\""}) {
            assertThat(ShellGuard.check(command, false)).as(command)
                    .hasValueSatisfying(refusal -> assertThat(refusal.exitCode()).isEqualTo(252))
                    .hasValueSatisfying(refusal -> assertThat(refusal.message()).startsWith("ecslabs: error:"));
            assertThat(ShellGuard.check(command, true)).as(command).isEmpty();
        }
        assertThat(ShellGuard.check("aws ecs list-clusters", false)).isEmpty();
        assertThat(ShellGuard.check("echo ecslabs", false)).isEmpty();
        assertThat(ShellGuard.check("ECSLABS=1", false)).isEmpty();
        assertThat(ShellGuard.check("aws ecs create-cluster --cluster-name ecslabs", false)).isEmpty();
        // Other refusals keep their own message.
        assertThat(ShellGuard.check("ecslabs help | less", false)).hasValueSatisfying(
                refusal -> assertThat(refusal.message()).contains("pipes"));
    }
}
