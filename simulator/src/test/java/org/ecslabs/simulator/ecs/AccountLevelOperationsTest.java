package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.assertAwsError;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountLevelOperationsTest {
    private final EcsSandbox sandbox = new EcsSandbox();
    private String network;

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        String subnet = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet").get(0).get("subnetId").asText();
        network = "{\"awsvpcConfiguration\": {\"subnets\": [\"" + subnet + "\"]}}";
    }

    @Test
    void capacityProvidersAndTheClusterDefaultStrategy() {
        JsonNode created = sandbox.ecs("CreateCapacityProvider", """
                {"name": "asg-cp", "autoScalingGroupProvider": {
                  "autoScalingGroupArn": "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:1:autoScalingGroupName/lab",
                  "managedScaling": {"status": "ENABLED", "targetCapacity": 90}}}""").get("capacityProvider");
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.get("autoScalingGroupProvider").get("managedScaling").get("minimumScalingStepSize").asInt()).isEqualTo(1);
        assertAwsError(() -> sandbox.ecs("CreateCapacityProvider", """
                {"name": "fargate-x", "autoScalingGroupProvider": {"autoScalingGroupArn": "arn"}}"""),
                "InvalidParameterException",
                "The capacity provider name cannot start with 'aws', 'ecs', or 'fargate'. Specify a different name and try again.");
        JsonNode updated = sandbox.ecs("UpdateCapacityProvider", """
                {"name": "asg-cp", "autoScalingGroupProvider": {"managedScaling": {"targetCapacity": 75}}}""").get("capacityProvider");
        assertThat(updated.get("autoScalingGroupProvider").get("managedScaling").get("targetCapacity").asInt()).isEqualTo(75);
        assertThat(updated.get("autoScalingGroupProvider").get("managedScaling").get("status").asText()).isEqualTo("ENABLED");
        assertThat(sandbox.ecs("DescribeCapacityProviders", "{}").get("capacityProviders")).hasSize(3);

        assertAwsError(() -> sandbox.ecs("PutClusterCapacityProviders", """
                {"cluster": "lab", "capacityProviders": ["FARGATE"],
                 "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}"""),
                "InvalidParameterException",
                "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.");
        sandbox.ecs("PutClusterCapacityProviders", """
                {"cluster": "lab", "capacityProviders": ["FARGATE", "FARGATE_SPOT"],
                 "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}""");
        JsonNode task = sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "web", "networkConfiguration": %s}""".formatted(network)).get("tasks").get(0);
        assertThat(task.get("capacityProviderName").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(task.get("launchType").asText()).isEqualTo("FARGATE");

        sandbox.ecs("PutClusterCapacityProviders", """
                {"cluster": "lab", "capacityProviders": ["FARGATE", "FARGATE_SPOT", "asg-cp"], "defaultCapacityProviderStrategy": []}""");
        assertAwsError(() -> sandbox.ecs("DeleteCapacityProvider", "{\"capacityProvider\": \"asg-cp\"}"), "ResourceInUseException",
                "The specified capacity provider is in use by cluster lab. Remove the capacity provider from the cluster and try again.");
    }

    @Test
    void tagsOnClustersServicesAndTaskDefinitions() {
        String cluster = "arn:aws:ecs:us-east-1:000000000000:cluster/lab";
        sandbox.ecs("TagResource", "{\"resourceArn\": \"" + cluster + "\", \"tags\": [{\"key\": \"env\", \"value\": \"dev\"}, {\"key\": \"owner\", \"value\": \"me\"}]}");
        sandbox.ecs("UntagResource", "{\"resourceArn\": \"" + cluster + "\", \"tagKeys\": [\"owner\"]}");
        assertThat(sandbox.ecs("ListTagsForResource", "{\"resourceArn\": \"" + cluster + "\"}").get("tags").toString())
                .isEqualTo("[{\"key\":\"env\",\"value\":\"dev\"}]");
        String definition = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1";
        sandbox.ecs("TagResource", "{\"resourceArn\": \"" + definition + "\", \"tags\": [{\"key\": \"app\", \"value\": \"web\"}]}");
        assertThat(sandbox.ecs("DescribeTaskDefinition", "{\"taskDefinition\": \"web:1\", \"include\": [\"TAGS\"]}")
                .get("tags").get(0).get("key").asText()).isEqualTo("app");
        assertAwsError(() -> sandbox.ecs("ListTagsForResource",
                "{\"resourceArn\": \"arn:aws:ecs:us-east-1:000000000000:cluster/nope\"}"), "ClusterNotFoundException", "Cluster not found.");
        assertAwsError(() -> sandbox.ecs("TagResource", "{\"resourceArn\": \"" + cluster + "\", \"tags\": [{\"key\": \"aws:x\", \"value\": \"y\"}]}"),
                "InvalidParameterException", "Tag keys beginning with aws: are reserved for AWS use.");
    }

    @Test
    void accountSettings() {
        JsonNode put = sandbox.ecs("PutAccountSetting", "{\"name\": \"containerInsights\", \"value\": \"enabled\"}").get("setting");
        assertThat(put.get("principalArn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        JsonNode effective = sandbox.ecs("ListAccountSettings", "{\"effectiveSettings\": true}").get("settings");
        assertThat(effective.size()).isEqualTo(AccountSettings.AWS_DEFAULTS.size());
        JsonNode insights = sandbox.ecs("ListAccountSettings", "{\"name\": \"containerInsights\"}").get("settings").get(0);
        assertThat(insights.get("value").asText()).isEqualTo("enabled");
        sandbox.ecs("DeleteAccountSetting", "{\"name\": \"containerInsights\"}");
        sandbox.ecs("PutAccountSettingDefault", "{\"name\": \"awsvpcTrunking\", \"value\": \"enabled\"}");
        assertThat(sandbox.ecs("ListAccountSettings", "{\"name\": \"awsvpcTrunking\", \"effectiveSettings\": true}")
                .get("settings").get(0).get("value").asText()).isEqualTo("enabled");
        assertAwsError(() -> sandbox.ecs("PutAccountSetting", "{\"name\": \"containerInsights\", \"value\": \"maybe\"}"),
                "InvalidParameterException", "Invalid value maybe for setting containerInsights. Valid values are enabled, disabled, enhanced.");
    }

    @Test
    void customAttributesDrivePlacement() {
        String arn = sandbox.ecs("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 2, \"instanceType\": \"t3.small\"}")
                .get("containerInstances").get(1).get("containerInstanceArn").asText();
        JsonNode put = sandbox.ecs("PutAttributes", """
                {"cluster": "lab", "attributes": [{"name": "stack", "value": "prod", "targetId": "%s"}]}""".formatted(arn));
        assertThat(put.get("attributes").get(0).get("targetType").asText()).isEqualTo("container-instance");
        JsonNode listed = sandbox.ecs("ListAttributes", """
                {"cluster": "lab", "targetType": "container-instance", "attributeName": "stack"}""").get("attributes");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("targetId").asText()).isEqualTo(arn);
        sandbox.ecs("RegisterTaskDefinition", """
                {"family": "pinned", "placementConstraints": [{"type": "memberOf", "expression": "attribute:stack == prod"}],
                 "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 64}]}""");
        JsonNode task = sandbox.ecs("RunTask", "{\"cluster\": \"lab\", \"taskDefinition\": \"pinned\"}").get("tasks").get(0);
        assertThat(task.get("containerInstanceArn").asText()).isEqualTo(arn);
        sandbox.ecs("DeleteAttributes", """
                {"cluster": "lab", "attributes": [{"name": "stack", "targetId": "%s"}]}""".formatted(arn));
        assertThat(sandbox.ecs("RunTask", "{\"cluster\": \"lab\", \"taskDefinition\": \"pinned\"}").get("tasks")).isEmpty();
        assertAwsError(() -> sandbox.ecs("PutAttributes", """
                {"cluster": "lab", "attributes": [{"name": "x", "value": "y", "targetId": "0000"}]}"""),
                "TargetNotFoundException", "Could not find 0000.");
    }

    @Test
    void taskProtectionKeepsATaskThroughScaleIn() {
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "launchType": "FARGATE",
                 "networkConfiguration": %s}""".formatted(network));
        sandbox.advance(20);
        JsonNode arns = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns");
        String keep = arns.get(1).asText();
        JsonNode protectedTasks = sandbox.ecs("UpdateTaskProtection", """
                {"cluster": "lab", "tasks": ["%s"], "protectionEnabled": true, "expiresInMinutes": 60}""".formatted(keep))
                .get("protectedTasks");
        assertThat(protectedTasks.get(0).get("protectionEnabled").asBoolean()).isTrue();
        assertThat(protectedTasks.get(0).get("expirationDate").asDouble()).isEqualTo(sandbox.nowSeconds() + 3600);
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"desiredCount\": 1}");
        sandbox.advance(2);
        assertThat(sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns").toString())
                .isEqualTo("[\"" + keep + "\"]");
        assertThat(sandbox.ecs("GetTaskProtection", "{\"cluster\": \"lab\", \"tasks\": [\"" + keep + "\"]}")
                .get("protectedTasks").get(0).get("protectionEnabled").asBoolean()).isTrue();
    }

    @Test
    void stoppingAServiceDeploymentRollsBack() {
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web", "desiredCount": 1, "launchType": "FARGATE",
                 "networkConfiguration": %s, "serviceConnectConfiguration": {"enabled": true, "namespace": "lab.local"}}""".formatted(network));
        sandbox.advance(20);
        sandbox.ecs("RegisterTaskDefinition", fargate("512", "1024"));
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskDefinition\": \"web:2\"}");
        JsonNode deployments = sandbox.ecs("ListServiceDeployments", """
                {"cluster": "lab", "service": "web", "status": ["IN_PROGRESS"]}""").get("serviceDeployments");
        assertThat(deployments).hasSize(1);
        String arn = deployments.get(0).get("serviceDeploymentArn").asText();
        sandbox.ecs("StopServiceDeployment", "{\"serviceDeploymentArn\": \"" + arn + "\", \"stopType\": \"ROLLBACK\"}");
        sandbox.advance(60);
        JsonNode service = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
        assertThat(service.get("taskDefinition").asText()).endsWith("web:1");
        assertThat(service.get("deployments")).hasSize(1);
        JsonNode record = sandbox.ecs("DescribeServiceDeployments", "{\"serviceDeploymentArns\": [\"" + arn + "\"]}")
                .get("serviceDeployments").get(0);
        assertThat(record.get("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(sandbox.ecs("ListServicesByNamespace", "{\"namespace\": \"lab.local\"}").get("serviceArns")).hasSize(1);
    }
}
