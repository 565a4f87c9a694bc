package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.assertAwsError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerInstancePlacementTest {
    private final EcsSandbox sandbox = new EcsSandbox();

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("RegisterTaskDefinition", """
                {"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx", "cpu": 512, "memory": 256,
                 "portMappings": [{"containerPort": 80, "hostPort": 0}]}]}""");
    }

    private List<String> addInstances(int count, String type) {
        JsonNode added = sandbox.ecs("AddContainerInstances", """
                {"cluster": "lab", "count": %d, "instanceType": "%s"}""".formatted(count, type)).get("containerInstances");
        List<String> arns = new ArrayList<>();
        added.forEach(i -> arns.add(i.get("containerInstanceArn").asText()));
        return arns;
    }

    private JsonNode instance(String arn) {
        return sandbox.ecs("DescribeContainerInstances", "{\"cluster\": \"lab\", \"containerInstances\": [\"" + arn + "\"]}")
                .get("containerInstances").get(0);
    }

    private static int resource(JsonNode instance, String set, String name) {
        for (JsonNode resource : instance.get(set)) {
            if (resource.get("name").asText().equals(name)) {
                return resource.get("integerValue").asInt();
            }
        }
        throw new AssertionError(name);
    }

    private JsonNode tasks(String extra) {
        JsonNode arns = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\"" + extra + "}").get("taskArns");
        if (arns.isEmpty()) {
            return arns;
        }
        return sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": " + arns + "}").get("tasks");
    }

    @Test
    void instancesHaveRealSizesZonesAndResourcesThatTasksUse() {
        List<String> arns = addInstances(3, "t3.medium");
        JsonNode first = instance(arns.get(0));
        assertThat(resource(first, "registeredResources", "CPU")).isEqualTo(2048);
        assertThat(resource(first, "registeredResources", "MEMORY")).isEqualTo(3912);
        assertThat(first.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.get("agentConnected").asBoolean()).isTrue();
        assertThat(first.get("ec2InstanceId").asText()).matches("i-[0-9a-f]{17}");
        assertThat(first.get("attributes").toString()).contains("ecs.availability-zone", "us-east-1a", "t3.medium");
        assertThat(instance(arns.get(2)).get("attributes").toString()).contains("us-east-1c");

        JsonNode run = sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "app", "count": 2,
                 "placementStrategy": [{"type": "binpack", "field": "cpu"}]}""");
        assertThat(run.get("tasks")).hasSize(2);
        // binpack puts both on the same instance; the dynamic host ports differ.
        String host = run.get("tasks").get(0).get("containerInstanceArn").asText();
        assertThat(run.get("tasks").get(1).get("containerInstanceArn").asText()).isEqualTo(host);
        int port0 = run.get("tasks").get(0).get("containers").get(0).get("networkBindings").get(0).get("hostPort").asInt();
        int port1 = run.get("tasks").get(1).get("containers").get(0).get("networkBindings").get(0).get("hostPort").asInt();
        assertThat(port0).isGreaterThanOrEqualTo(32768).isNotEqualTo(port1);
        JsonNode used = instance(host);
        assertThat(resource(used, "remainingResources", "CPU")).isEqualTo(1024);
        assertThat(resource(used, "remainingResources", "MEMORY")).isEqualTo(3912 - 512);
        sandbox.advance(15);
        assertThat(instance(host).get("runningTasksCount").asInt()).isEqualTo(2);
        assertThat(sandbox.ecs("DescribeClusters", "{\"clusters\": [\"lab\"]}").get("clusters").get(0)
                .get("registeredContainerInstancesCount").asInt()).isEqualTo(3);
    }

    @Test
    void spreadConstraintsAndFailures() {
        addInstances(3, "t3.small");
        JsonNode spread = sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "app", "count": 3,
                 "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}]}""").get("tasks");
        Set<String> zones = new HashSet<>();
        spread.forEach(t -> zones.add(t.get("availabilityZone").asText()));
        assertThat(zones).containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");

        JsonNode pinned = sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "app", "count": 2, "placementConstraints": [
                  {"type": "memberOf", "expression": "attribute:ecs.availability-zone in [us-east-1b, us-east-1c]"}]}""");
        pinned.get("tasks").forEach(t -> assertThat(t.get("availabilityZone").asText()).isNotEqualTo("us-east-1a"));

        JsonNode wrongType = sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "app", "placementConstraints": [
                  {"type": "memberOf", "expression": "attribute:ecs.instance-type == t3.large"}]}""");
        assertThat(wrongType.get("tasks")).isEmpty();
        assertThat(wrongType.get("failures").get(0).get("reason").asText()).isEqualTo("MemberOf placement constraint unsatisfied.");

        sandbox.ecs("RegisterTaskDefinition", """
                {"family": "huge", "containerDefinitions": [{"name": "huge", "image": "nginx", "memory": 4000}]}""");
        JsonNode tooBig = sandbox.ecs("RunTask", "{\"cluster\": \"lab\", \"taskDefinition\": \"huge\"}");
        assertThat(tooBig.get("failures")).hasSize(3);
        assertThat(tooBig.get("failures").get(0).get("reason").asText()).isEqualTo("RESOURCE:MEMORY");

        sandbox.ecs("RegisterTaskDefinition", """
                {"family": "port", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 32,
                 "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]}""");
        assertThat(sandbox.ecs("RunTask", "{\"cluster\": \"lab\", \"taskDefinition\": \"port\", \"count\": 3}").get("tasks")).hasSize(3);
        JsonNode portClash = sandbox.ecs("RunTask", "{\"cluster\": \"lab\", \"taskDefinition\": \"port\"}");
        assertThat(portClash.get("failures").get(0).get("reason").asText()).isEqualTo("RESOURCE:PORTS");

        assertAwsError(() -> sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "app", "placementStrategy": [{"type": "binpack", "field": "disk"}]}"""),
                "InvalidParameterException", "Invalid binpack field: disk. Valid values are cpu and memory.");
    }

    @Test
    void aClusterWithoutInstancesSaysSo() {
        assertAwsError(() -> sandbox.ecs("RunTask", "{\"cluster\": \"lab\", \"taskDefinition\": \"app\"}"),
                "InvalidParameterException", "No Container Instances were found in your cluster.");
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "app", "desiredCount": 1, "launchType": "EC2"}""");
        sandbox.advance(2);
        JsonNode service = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
        assertThat(service.get("events").get(0).get("message").asText()).isEqualTo(
                "(service web) was unable to place a task because no container instance met all of its requirements. "
                        + "Reason: No Container Instances were found in your cluster.");
        addInstances(1, "t3.micro");
        sandbox.advance(15);
        service = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
        assertThat(service.get("runningCount").asInt()).isEqualTo(1);
    }

    @Test
    void drainingMovesServiceTasksAndDistinctInstanceHolds() {
        List<String> arns = addInstances(3, "t3.small");
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "app", "desiredCount": 2, "launchType": "EC2",
                 "placementConstraints": [{"type": "distinctInstance"}]}""");
        sandbox.advance(15);
        JsonNode before = tasks(", \"serviceName\": \"web\"");
        assertThat(before).hasSize(2);
        assertThat(before.get(0).get("containerInstanceArn").asText()).isNotEqualTo(before.get(1).get("containerInstanceArn").asText());
        String drained = before.get(0).get("containerInstanceArn").asText();
        JsonNode updated = sandbox.ecs("UpdateContainerInstancesState", """
                {"cluster": "lab", "containerInstances": ["%s"], "status": "DRAINING"}""".formatted(drained));
        assertThat(updated.get("containerInstances").get(0).get("status").asText()).isEqualTo("DRAINING");
        sandbox.advance(60);
        JsonNode after = tasks(", \"serviceName\": \"web\"");
        assertThat(after).hasSize(2);
        after.forEach(t -> assertThat(t.get("containerInstanceArn").asText()).isNotEqualTo(drained));
        assertThat(after.get(0).get("containerInstanceArn").asText()).isNotEqualTo(after.get(1).get("containerInstanceArn").asText());
        JsonNode listed = sandbox.ecs("ListContainerInstances", "{\"cluster\": \"lab\", \"status\": \"DRAINING\"}");
        assertThat(listed.get("containerInstanceArns")).hasSize(1);
        assertThat(sandbox.ecs("ListContainerInstances", "{\"cluster\": \"lab\", \"filter\": \"attribute:ecs.availability-zone == us-east-1b\"}")
                .get("containerInstanceArns")).hasSize(1);
        assertThat(arns).contains(drained);
    }

    @Test
    void aFailedInstanceLosesItsTasksAndTheServiceReplacesThem() {
        addInstances(2, "t3.small");
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "app", "desiredCount": 2, "launchType": "EC2",
                 "placementStrategy": [{"type": "binpack", "field": "memory"}]}""");
        sandbox.advance(15);
        JsonNode before = tasks(", \"serviceName\": \"web\"");
        String host = before.get(0).get("containerInstanceArn").asText();
        assertThat(before.get(1).get("containerInstanceArn").asText()).isEqualTo(host);
        sandbox.ecs("FailContainerInstance", "{\"cluster\": \"lab\", \"containerInstance\": \"" + host + "\"}");
        JsonNode gone = sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": [\""
                + before.get(0).get("taskArn").asText() + "\"]}").get("tasks").get(0);
        assertThat(gone.get("stoppedReason").asText()).startsWith("Host EC2 (instance i-");
        assertThat(instance(host).get("agentConnected").asBoolean()).isFalse();
        sandbox.advance(30);
        JsonNode service = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
        assertThat(service.get("runningCount").asInt()).isEqualTo(2);
        tasks(", \"serviceName\": \"web\"").forEach(t -> assertThat(t.get("containerInstanceArn").asText()).isNotEqualTo(host));
    }

    @Test
    void registerDeregisterAndStartTask() {
        JsonNode registered = sandbox.ecs("RegisterContainerInstance", """
                {"cluster": "lab", "instanceIdentityDocument": "{\\"instanceId\\": \\"i-0abc\\", \\"availabilityZone\\": \\"us-east-1b\\", \\"instanceType\\": \\"m5.large\\"}",
                 "totalResources": [{"name": "CPU", "type": "INTEGER", "integerValue": 2048},
                                    {"name": "MEMORY", "type": "INTEGER", "integerValue": 7680}]}""").get("containerInstance");
        String arn = registered.get("containerInstanceArn").asText();
        assertThat(registered.get("ec2InstanceId").asText()).isEqualTo("i-0abc");
        JsonNode started = sandbox.ecs("StartTask", """
                {"cluster": "lab", "taskDefinition": "app", "containerInstances": ["%s"]}""".formatted(arn));
        assertThat(started.get("tasks").get(0).get("containerInstanceArn").asText()).isEqualTo(arn);
        assertAwsError(() -> sandbox.ecs("DeregisterContainerInstance", "{\"cluster\": \"lab\", \"containerInstance\": \"" + arn + "\"}"),
                "InvalidParameterException", "Found running tasks on the instance. Use force to deregister the instance.");
        JsonNode gone = sandbox.ecs("DeregisterContainerInstance", """
                {"cluster": "lab", "containerInstance": "%s", "force": true}""".formatted(arn)).get("containerInstance");
        assertThat(gone.get("status").asText()).isEqualTo("INACTIVE");
        assertThat(sandbox.ecs("ListContainerInstances", "{\"cluster\": \"lab\"}").get("containerInstanceArns")).isEmpty();
    }
}
