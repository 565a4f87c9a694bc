package org.ecslabs.simulator.taskenv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the task environment needs to know about one ECS task, independent of how ECS models it.
 *
 * @param taskArn         arn:aws:ecs:region:account:task/cluster/id
 * @param clusterName     the cluster's name
 * @param serviceName     the ECS service that started the task, or null
 * @param launchType      FARGATE or EC2 (as ECS reports it; a capacity provider's type)
 * @param privateIp       the task's (or its instance's) private IPv4 address, or null
 * @param availabilityZone the task's availability zone, or null
 * @param taskDefinition  the task definition in DescribeTaskDefinition's shape
 * @param service         the ECS service in DescribeServices' shape (serviceRegistries,
 *                        serviceConnectConfiguration), or null for a standalone task
 */
public record TaskView(String taskArn, String clusterName, String serviceName, String launchType,
                       String privateIp, String availabilityZone, JsonNode taskDefinition, JsonNode service) {

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public boolean fargate() {
        return "FARGATE".equals(launchType);
    }

    public String executionRoleArn() {
        return text(taskDefinition.path("executionRoleArn"));
    }

    public String taskRoleArn() {
        return text(taskDefinition.path("taskRoleArn"));
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
