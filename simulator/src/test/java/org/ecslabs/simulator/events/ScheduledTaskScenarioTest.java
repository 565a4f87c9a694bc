package org.ecslabs.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.support.Boto3Scenario;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scenario with boto3: an EventBridge rule starting a Fargate task every 5 simulated minutes. */
class ScheduledTaskScenarioTest {
    static SimulatorFixture simulator;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.paused();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aRuleStartsATaskEveryFiveSimulatedMinutes() {
        List<String> printed = Boto3Scenario.run(simulator, """
                ec2, ecs, events = boto3.client("ec2"), boto3.client("ecs"), boto3.client("events")
                subnets = [s["SubnetId"] for s in ec2.describe_subnets(
                    Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]]
                cluster = ecs.create_cluster(clusterName="batch")["cluster"]["clusterArn"]
                task_def = ecs.register_task_definition(family="report", requiresCompatibilities=["FARGATE"],
                    networkMode="awsvpc", cpu="256", memory="512",
                    containerDefinitions=[{"name": "report", "image": "busybox", "essential": True}])["taskDefinition"]["taskDefinitionArn"]
                events.put_rule(Name="every-five", ScheduleExpression="rate(5 minutes)")
                result = events.put_targets(Rule="every-five", Targets=[{"Id": "report", "Arn": cluster,
                    "RoleArn": "arn:aws:iam::000000000000:role/ecsEventsRole",
                    "EcsParameters": {"TaskDefinitionArn": task_def, "TaskCount": 1, "LaunchType": "FARGATE",
                        "NetworkConfiguration": {"awsvpcConfiguration": {"Subnets": subnets, "AssignPublicIp": "ENABLED"}}}}])
                print("failed", result["FailedEntryCount"])
                def started():
                    arns = ecs.list_tasks(cluster="batch", startedBy="events-rule/every-five")["taskArns"]
                    return len(arns), arns
                advance(4 * 60)
                print("tasks", started()[0])
                advance(60)
                count, arns = started()
                print("tasks", count, ecs.describe_tasks(cluster="batch", tasks=arns)["tasks"][0]["startedBy"])
                advance(5 * 60)
                print("tasks", started()[0])
                events.disable_rule(Name="every-five")
                advance(10 * 60)
                print(events.describe_rule(Name="every-five")["State"], "tasks", len(ecs.list_tasks(cluster="batch",
                    startedBy="events-rule/every-five", desiredStatus="STOPPED")["taskArns"]) + started()[0])
                try:
                    events.put_rule(Name="bad", ScheduleExpression="rate(5 minute)")
                except events.exceptions.ClientError as e:
                    print(e.response["Error"]["Code"], e.response["Error"]["Message"])
                """);
        assertThat(printed).containsExactly("failed 0", "tasks 0", "tasks 1 events-rule/every-five", "tasks 2",
                "DISABLED tasks 2", "ValidationException Parameter ScheduleExpression is not valid.");
    }

    @Test
    void cronExpressionsFireInUtcOnTheirFields() {
        long monday = Instant.parse("2026-01-05T08:59:30Z").getEpochSecond();
        ScheduleExpression workdays = ScheduleExpression.parse("cron(0 9 ? * MON-FRI *)");
        assertThat(Instant.ofEpochSecond(workdays.next(monday, 0))).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        long friday = Instant.parse("2026-01-09T09:00:00Z").getEpochSecond();
        assertThat(Instant.ofEpochSecond(workdays.next(friday, 0))).isEqualTo(Instant.parse("2026-01-12T09:00:00Z"));
        ScheduleExpression quarter = ScheduleExpression.parse("cron(0/15 * * * ? *)");
        assertThat(Instant.ofEpochSecond(quarter.next(monday, 0))).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(Instant.ofEpochSecond(quarter.next(monday + 31, 0))).isEqualTo(Instant.parse("2026-01-05T09:15:00Z"));
        assertThat(ScheduleExpression.parse("rate(1 hour)").next(1000, 1000)).isEqualTo(4600);
        for (String bad : List.of("cron(0 9 * * MON *)", "cron(0 9 * *)", "rate(0 minutes)", "rate(2 hour)", "at(noon)")) {
            assertThatThrownBy(() -> ScheduleExpression.parse(bad)).isInstanceOf(AwsException.class)
                    .hasMessage("Parameter ScheduleExpression is not valid.");
        }
    }
}
