package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.SimulatorControl;
import org.ecslabs.app.cli.Command;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationException;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Clean up for me" on the real simulator over HTTP: what a lab made (tagged by running in its
 * context) goes, in an order AWS accepts, waiting where AWS makes one wait; what it did not make stays.
 */
class LabCleanupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a learner builds in the "sweep" lab: a service behind a load balancer, and what a task needs. */
    private static final String BUILD = """
            aws ecs create-cluster --cluster-name sweep
            aws ecs register-task-definition --family sweep-web --requires-compatibilities FARGATE \\
                --network-mode awsvpc --cpu 256 --memory 512 \\
                --container-definitions '[{"name":"web","image":"public.ecr.aws/nginx/nginx:1.27","essential":true,"portMappings":[{"containerPort":80}]}]'
            VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
            TG=$(aws elbv2 create-target-group --name sweep-tg --protocol HTTP --port 80 --vpc-id $VPC \\
                --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
            SUBNETS=$(aws ec2 describe-subnets --query 'Subnets[0:2].SubnetId' --output text)
            LB=$(aws elbv2 create-load-balancer --name sweep-alb --type application --subnets $SUBNETS \\
                --query 'LoadBalancers[0].LoadBalancerArn' --output text)
            aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 \\
                --default-actions Type=forward,TargetGroupArn=$TG
            SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
            aws ecs create-service --cluster sweep --service-name web --task-definition sweep-web \\
                --desired-count 2 --launch-type FARGATE \\
                --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],assignPublicIp=ENABLED}" \\
                --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80
            aws logs create-log-group --log-group-name /ecs/sweep
            aws secretsmanager create-secret --name sweep/db --secret-string hunter2
            aws ssm put-parameter --name /sweep/mode --value blue --type String
            aws ecr create-repository --repository-name sweep/web
            aws iam create-role --role-name sweepTaskRole \\
                --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
            aws iam attach-role-policy --role-name sweepTaskRole \\
                --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
            aws iam put-role-policy --role-name sweepTaskRole --policy-name read-db \\
                --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}'
            """;

    private StandaloneServer server;

    @BeforeEach
    void start() throws IOException {
        server = StandaloneServer.start(0, Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null)),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Lab lab(String id) {
        return new Lab(id, "Sweep", "", "beginner", 10, List.of(), List.of(), LocalDate.of(2026, 11, 21), List.of(),
                Optional.empty(), List.of(), Optional.empty(), List.of(), "", Optional.empty(), Optional.empty(), List.of());
    }

    private static void build(CommandRunner runner, String labId) {
        runner.lab(labId);
        for (Command command : CommandRunner.commands(BUILD)) {
            runner.run(command.text());
        }
        runner.lab(null);
    }

    private static JsonNode tagged(OperationInvoker invoker, String labId) throws IOException {
        return invoker.invoke("resourcegroupstaggingapi", "GetResources", JSON.readTree(
                "{\"TagFilters\":[{\"Key\":\"ecslabs:lab\",\"Values\":[\"" + labId + "\"]}]}")).get("ResourceTagMappingList");
    }

    @Test
    void deletesEverythingTaggedWithTheLabAndNothingElse() throws IOException {
        Backend backend = Backend.endpoint(URI.create("http://localhost:" + server.port()), "us-east-1", "test", "test");
        try (AwsClients clients = new AwsClients(backend, Duration.ofSeconds(30))) {
            OperationInvoker invoker = new OperationInvoker(clients);
            CommandRunner runner = new CommandRunner(invoker, LabTags::tag);
            build(runner, "sweep");
            runner.run("aws ecs create-cluster --cluster-name keep");
            runner.run("aws logs create-log-group --log-group-name /keep");
            runner.run("ecslabs clock advance --seconds 120");
            assertThat(tagged(invoker, "sweep")).hasSizeGreaterThanOrEqualTo(10);

            List<String> log = new ArrayList<>();
            LabCleanup.Outcome outcome = new LabCleanup(invoker, true, LabCleanup.simulatorClock(invoker), log::add)
                    .run(lab("sweep"), 40, Duration.ofSeconds(60));

            assertThat(outcome.leftovers()).as(String.join("\n", log)).isEmpty();
            assertThat(outcome.deleted()).anyMatch(arn -> arn.endsWith(":cluster/sweep"))
                    .anyMatch(arn -> arn.contains(":loadbalancer/app/sweep-alb/"))
                    .anyMatch(arn -> arn.endsWith(":role/sweepTaskRole"));
            // The cluster had to wait for the service's tasks to drain from the target group.
            assertThat(log).anyMatch(line -> line.startsWith("… waiting"));
            assertThat(log.get(log.size() - 1)).isEqualTo("✓ Clean: nothing tagged ecslabs:lab=sweep is left.");
            assertThat(tagged(invoker, "sweep")).isEmpty();
            assertThat(runner.run("aws ecs list-clusters --query clusterArns --output text").strip())
                    .isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/keep");
            assertThat(runner.run("aws logs describe-log-groups --query logGroups[].logGroupName --output text").strip())
                    .isEqualTo("/keep");
            assertThat(runner.run("aws elbv2 describe-target-groups --query 'length(TargetGroups)' --output text").strip())
                    .isEqualTo("0");
            assertThatThrownBy(() -> runner.run("aws iam get-role --role-name sweepTaskRole"))
                    .isInstanceOf(OperationException.class).hasMessageStartingWith("NoSuchEntity");
            assertThatThrownBy(() -> runner.run("aws secretsmanager describe-secret --secret-id sweep/db"))
                    .isInstanceOf(OperationException.class).hasMessageStartingWith("ResourceNotFoundException");
        }
    }

    @Test
    void onARealAccountTimePassesForRealAndSimulatorCommandsAreSkipped() throws IOException {
        Backend simulator = Backend.endpoint(URI.create("http://localhost:" + server.port()), "us-east-1", "test", "test");
        // The "real account" is the simulator behind the test-only endpoint override, its clock running fast.
        Backend real = new Backend(simulator.endpoint(), "us-east-1", "test", "test", null, true);
        Lab lab = LabParser.parse("sweep.md", """
                ---
                id: sweep
                title: Sweep
                summary: A lab whose written clean-up has a simulator command in it.
                level: beginner
                minutes: 5
                domains: [cost]
                updated: 2026-11-21
                references:
                  - title: ECS
                    url: https://docs.aws.amazon.com/ecs/
                ---

                Intro.

                ## Build

                !!! solution
                    ```bash
                    aws ecs create-cluster --cluster-name sweep
                    ```

                ```check
                id: cluster
                title: The cluster exists
                call: ecs:DescribeClusters
                input: {clusters: [sweep]}
                expect: "clusters[0].status == 'ACTIVE'"
                fail: No cluster.
                ```

                ## Clean-up

                ```bash
                aws ecs delete-service --cluster sweep --service web --force
                ecslabs clock advance --seconds 600
                aws ecs delete-cluster --cluster sweep
                ```
                """);
        try (AwsClients simulatorClients = new AwsClients(simulator, Duration.ofSeconds(30));
             AwsClients realClients = new AwsClients(real, Duration.ofSeconds(30))) {
            OperationInvoker invoker = new OperationInvoker(realClients);
            build(new CommandRunner(invoker, LabTags::tag), "sweep");
            SimulatorControl clock = new SimulatorControl(simulatorClients);

            List<String> log = new ArrayList<>();
            List<Duration> waits = new ArrayList<>();
            // On a real account a wait lets AWS's own time pass: here the paused simulator's clock moves
            // by exactly the time waited (a manual clock), not by wall time at a speed-up.
            LabCleanup.Outcome outcome = new LabCleanup(invoker, real.isSimulator(), duration -> {
                waits.add(duration);
                clock.call("AdvanceClock", JSON.createObjectNode().put("seconds", duration.toSeconds()));
            }, log::add).run(lab, 200, Duration.ofSeconds(15));

            assertThat(outcome.leftovers()).as(String.join("\n", log)).isEmpty();
            assertThat(log).noneMatch(line -> line.contains("ecslabs clock"));
            assertThat(log).contains("✓ aws ecs delete-service --cluster sweep --service web --force");
            assertThat(waits).isNotEmpty().allMatch(wait -> wait.equals(Duration.ofSeconds(15)));
            assertThat(tagged(invoker, "sweep")).isEmpty();
        }
    }
}
