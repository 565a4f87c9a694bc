package org.ecslabs.simulator.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS managed policies a learner attaches in ECS labs, with their permissions as AWS
 * publishes them (trimmed to the statements that matter here; conditions omitted).
 */
public final class ManagedPolicies {
    public record ManagedPolicy(String arn, String name, String path, String document) {
    }

    private static final Map<String, ManagedPolicy> BY_ARN = new LinkedHashMap<>();

    static {
        add("/service-role/", "AmazonECSTaskExecutionRolePolicy", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage",
            "logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""");
        add("/", "AWSCodeDeployRoleForECS", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:DescribeServices",
            "ecs:CreateTaskSet","ecs:UpdateServicePrimaryTaskSet","ecs:DeleteTaskSet",
            "elasticloadbalancing:DescribeTargetGroups","elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:ModifyListener","elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:ModifyRule","lambda:InvokeFunction","cloudwatch:DescribeAlarms",
            "sns:Publish","s3:GetObject","s3:GetObjectVersion"],"Resource":"*"},
            {"Effect":"Allow","Action":["iam:PassRole"],"Resource":"*"}]}""");
        add("/service-role/", "AmazonEC2ContainerServiceforEC2Role", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DescribeTags",
            "ecs:CreateCluster","ecs:DeregisterContainerInstance","ecs:DiscoverPollEndpoint","ecs:Poll",
            "ecs:RegisterContainerInstance","ecs:StartTelemetrySession","ecs:UpdateContainerInstancesState",
            "ecs:Submit*","ecr:GetAuthorizationToken","ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","logs:CreateLogStream","logs:PutLogEvents"],
            "Resource":"*"},{"Effect":"Allow","Action":"ecs:TagResource","Resource":"*"}]}""");
        add("/", "CloudWatchLogsFullAccess", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:*","cloudwatch:GenerateQuery"],
            "Resource":"*"}]}""");
        add("/", "SecretsManagerReadWrite", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:*",
            "cloudformation:CreateChangeSet","cloudformation:DescribeChangeSet","cloudformation:DescribeStackResource",
            "cloudformation:DescribeStacks","cloudformation:ExecuteChangeSet","ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets","ec2:DescribeVpcs","kms:DescribeKey","kms:ListAliases","kms:ListKeys",
            "lambda:ListFunctions","rds:DescribeDBClusters","rds:DescribeDBInstances","redshift:DescribeClusters",
            "tag:GetResources"],"Resource":"*"}]}""");
        add("/", "AmazonSSMReadOnlyAccess", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],
            "Resource":"*"}]}""");
        add("/", "AmazonS3ReadOnlyAccess", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*",
            "s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}""");
    }

    private ManagedPolicies() {
    }

    private static void add(String path, String name, String document) {
        String arn = "arn:aws:iam::aws:policy" + path + name;
        BY_ARN.put(arn, new ManagedPolicy(arn, name, path, document.replace("\n", "")));
    }

    public static List<String> arns() {
        return List.copyOf(BY_ARN.keySet());
    }

    public static ManagedPolicy find(String arn) {
        return BY_ARN.get(arn);
    }
}
