package org.ecslabs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliCommandTest {

    private static CliCommand parse(String command) {
        return CliCommand.parse(command, Map.of("SUBNET", "subnet-1", "SG", "sg-9"));
    }

    @Test
    void readsKebabOptionsAsTheApisMemberNames() {
        CliCommand command = parse("aws ecs create-service --cluster lab --service-name web --desired-count 2 "
                + "--launch-type FARGATE --task-definition web:1");
        assertThat(command.operation().service()).isEqualTo("ecs");
        assertThat(command.operation().name()).isEqualTo("CreateService");
        assertThat(command.input().toString()).isEqualTo("{\"cluster\":\"lab\",\"serviceName\":\"web\","
                + "\"desiredCount\":\"2\",\"launchType\":\"FARGATE\",\"taskDefinition\":\"web:1\"}");
        assertThat(command.query()).isEmpty();
        assertThat(command.output()).isEqualTo("json");
        // The SDK's model types the text: the request builds.
        assertThat(command.operation().request(command.input())).isNotNull();
    }

    @Test
    void readsShorthandNestedStructuresAndVariables() {
        CliCommand command = parse("aws ecs create-service --service-name web "
                + "--network-configuration \"awsvpcConfiguration={subnets=[$SUBNET,subnet-2],securityGroups=[$SG],assignPublicIp=ENABLED}\" "
                + "--deployment-configuration deploymentCircuitBreaker={enable=true,rollback=true},maximumPercent=200 "
                + "--load-balancers targetGroupArn=arn:tg,containerName=web,containerPort=80");
        assertThat(command.input().get("networkConfiguration").toString()).isEqualTo(
                "{\"awsvpcConfiguration\":{\"subnets\":[\"subnet-1\",\"subnet-2\"],\"securityGroups\":[\"sg-9\"],"
                        + "\"assignPublicIp\":\"ENABLED\"}}");
        assertThat(command.input().get("deploymentConfiguration").toString()).isEqualTo(
                "{\"deploymentCircuitBreaker\":{\"enable\":\"true\",\"rollback\":\"true\"},\"maximumPercent\":\"200\"}");
        assertThat(command.input().get("loadBalancers").toString()).isEqualTo(
                "[{\"targetGroupArn\":\"arn:tg\",\"containerName\":\"web\",\"containerPort\":\"80\"}]");
        assertThat(command.operation().request(command.input())).isNotNull();
    }

    @Test
    void readsListsJsonFiltersAndBooleanFlags() {
        CliCommand filters = parse("aws ec2 describe-subnets --filters Name=default-for-az,Values=true "
                + "Name=state,Values=available,pending --query Subnets[0].SubnetId --output text");
        assertThat(filters.input().toString()).isEqualTo("{\"Filters\":[{\"Name\":\"default-for-az\",\"Values\":\"true\"},"
                + "{\"Name\":\"state\",\"Values\":[\"available\",\"pending\"]}]}");
        assertThat(filters.query()).contains("Subnets[0].SubnetId");
        assertThat(filters.output()).isEqualTo("text");

        CliCommand task = parse("aws ecs register-task-definition --family web --requires-compatibilities FARGATE EC2 "
                + "--container-definitions '[{\"name\":\"web\",\"image\":\"nginx\",\"portMappings\":[{\"containerPort\":80}]}]'");
        assertThat(task.input().get("requiresCompatibilities").toString()).isEqualTo("[\"FARGATE\",\"EC2\"]");
        assertThat(task.input().get("containerDefinitions").get(0).get("portMappings").get(0).get("containerPort").asInt())
                .isEqualTo(80);

        CliCommand flags = parse("aws ecs update-service --service web --force-new-deployment --no-enable-execute-command");
        assertThat(flags.input().toString())
                .isEqualTo("{\"service\":\"web\",\"forceNewDeployment\":true,\"enableExecuteCommand\":false}");

        CliCommand commaList = parse("aws ecs describe-services --cluster lab --services web,api");
        assertThat(commaList.input().get("services").toString()).isEqualTo("[\"web\",\"api\"]");
    }

    @Test
    void readsServicesWhoseCliNamesDifferFromTheSdks() {
        assertThat(parse("aws application-autoscaling describe-scalable-targets --service-namespace ecs")
                .input().toString()).isEqualTo("{\"ServiceNamespace\":\"ecs\"}");
        assertThat(parse("aws elbv2 describe-target-groups --names web").operation().name()).isEqualTo("DescribeTargetGroups");
        assertThat(parse("aws deploy list-applications").operation().name()).isEqualTo("ListApplications");
        assertThat(parse("aws logs describe-log-groups --log-group-name-prefix /ecs").input().toString())
                .isEqualTo("{\"logGroupNamePrefix\":\"/ecs\"}");
    }

    @Test
    void readsTheSimulatorsControlCommands() {
        CliCommand advance = parse("ecslabs clock advance --seconds 120");
        assertThat(advance.isControl()).isTrue();
        assertThat(advance.control()).isEqualTo("AdvanceClock");
        assertThat(advance.input().toString()).isEqualTo("{\"seconds\":120}");
        assertThat(parse("ecslabs load set --cluster c --service s --cpu 90").input().toString())
                .isEqualTo("{\"cluster\":\"c\",\"service\":\"s\",\"cpuUtilization\":90}");
        assertThat(parse("ecslabs task fail --cluster c --task arn:aws:ecs:us-east-1:0:task/c/abc").input().toString())
                .isEqualTo("{\"cluster\":\"c\",\"task\":\"arn:aws:ecs:us-east-1:0:task/c/abc\"}");
        assertThat(parse("ecslabs instances add --cluster C --count 3 --instance-type t3.medium").input().toString())
                .isEqualTo("{\"cluster\":\"C\",\"count\":3,\"instanceType\":\"t3.medium\"}");
        assertThat(parse("ecslabs reset").control()).isEqualTo("ResetAccount");
        assertThat(parse("ecslabs spot interrupt --cluster c").control()).isEqualTo("InterruptSpotTasks");
        assertThat(parse("ecslabs cost --query totalUsd").query()).contains("totalUsd");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> parse("aws ecs describe-servicez --cluster x"))
                .hasMessageStartingWith("unknown operation 'aws ecs describe-servicez'");
        assertThatThrownBy(() -> parse("aws ecz list-clusters")).hasMessageStartingWith("unknown service 'ecz'");
        assertThatThrownBy(() -> parse("aws ecs describe-services --clustr x"))
                .hasMessageStartingWith("unknown option --clustr for aws ecs describe-services");
        assertThatThrownBy(() -> parse("aws ecs register-task-definition --container-definitions '[{\"name\":}]'"))
                .hasMessageStartingWith("--container-definitions is not valid JSON");
        assertThatThrownBy(() -> parse("aws ecs describe-services --cluster $NOPE"))
                .hasMessageStartingWith("the variable $NOPE is not set");
        assertThatThrownBy(() -> parse("ecslabs clock advance")).hasMessageStartingWith("ecslabs clock advance needs --seconds");
        assertThatThrownBy(() -> parse("ecslabs time travel")).hasMessageStartingWith("unknown ecslabs command");
        assertThatThrownBy(() -> parse("kubectl get pods")).hasMessageStartingWith("only 'aws ...' and 'ecslabs ...'");
    }

    @Test
    void theShellSplitsCommandsAndWordsAsBashWould() {
        List<Command> commands = Shell.commands("""
                # make a cluster
                aws ecs create-cluster \\
                    --cluster-name lab   # trailing comment
                aws ecs register-task-definition --container-definitions '[
                  {"name": "web"}
                ]'

                echo "done #1"
                """, 10);
        assertThat(commands).extracting(Command::line).containsExactly(11, 13, 17);
        assertThat(commands.get(0).text()).isEqualTo("aws ecs create-cluster      --cluster-name lab");
        assertThat(commands.get(1).text()).endsWith("'[\n  {\"name\": \"web\"}\n]'");
        assertThat(commands.get(2).text()).isEqualTo("echo \"done #1\"");
        assertThat(Shell.words("a 'b c' \"d $X\" ${X}e \\$X", Map.of("X", "x")))
                .containsExactly("a", "b c", "d x", "xe", "$X");
        assertThat(Shell.words("--subnets $S \"$S\"", Map.of("S", "subnet-a\tsubnet-b")))
                .containsExactly("--subnets", "subnet-a", "subnet-b", "subnet-a\tsubnet-b");
    }
}
