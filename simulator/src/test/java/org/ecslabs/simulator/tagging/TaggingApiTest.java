package org.ecslabs.simulator.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.elbv2.LoadBalancerLab;
import org.ecslabs.simulator.support.SdkClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A lab's clean-up as the app will run it: every resource the lab created carries ecslabs:lab=x,
 * tag:GetResources finds exactly those, and after the deletes it finds none.
 */
class TaggingApiTest {
    static final String KEY = "ecslabs:lab";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private LoadBalancerLab lab;
    private ResourceGroupsTaggingApiClient tagging;
    private IamClient iam;
    private SecretsManagerClient secrets;
    private SsmClient ssm;
    private CloudWatchLogsClient logs;
    private EcrClient ecr;
    private ServiceDiscoveryClient cloudMap;
    private CloudWatchClient cloudWatch;
    private ApplicationAutoScalingClient scaling;

    @BeforeEach
    void start() {
        lab = new LoadBalancerLab();
        var endpoint = lab.fixture.endpoint();
        tagging = SdkClients.build(ResourceGroupsTaggingApiClient.builder(), endpoint, "us-east-1");
        iam = SdkClients.build(IamClient.builder(), endpoint, "us-east-1");
        secrets = SdkClients.build(SecretsManagerClient.builder(), endpoint, "us-east-1");
        ssm = SdkClients.build(SsmClient.builder(), endpoint, "us-east-1");
        logs = SdkClients.build(CloudWatchLogsClient.builder(), endpoint, "us-east-1");
        ecr = SdkClients.build(EcrClient.builder(), endpoint, "us-east-1");
        cloudMap = SdkClients.build(ServiceDiscoveryClient.builder(), endpoint, "us-east-1");
        cloudWatch = SdkClients.build(CloudWatchClient.builder(), endpoint, "us-east-1");
        scaling = SdkClients.build(ApplicationAutoScalingClient.builder(), endpoint, "us-east-1");
    }

    @AfterEach
    void stop() {
        List.of(tagging, iam, secrets, ssm, logs, ecr, cloudMap, cloudWatch, scaling).forEach(SdkAutoCloseable::close);
        lab.close();
    }

    private List<String> labArns(String lab, String... types) {
        return tagging.getResourcesPaginator(r -> r.tagFilters(f -> f.key(KEY).values(lab)).resourceTypeFilters(types))
                .resourceTagMappingList().stream().map(ResourceTagMapping::resourceARN).toList();
    }

    /** The ARNs of what a lab built, created with the lab tag through each service's own create call. */
    private record Built(List<String> arns, String serviceArn, String extServiceArn, String taskArn, String roleName) {
    }

    private Built buildTheLab() {
        List<String> arns = new ArrayList<>();
        var ecs = lab.ecs;
        arns.add(ecs.createCluster(r -> r.clusterName("lab").tags(t -> t.key(KEY).value("x"))).cluster().clusterArn());
        ecs.createCluster(r -> r.clusterName("untagged"));
        ecs.createCluster(r -> r.clusterName("other-lab").tags(t -> t.key(KEY).value("y")));
        String taskDefinition = ecs.registerTaskDefinition(r -> r.family("web")
                        .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512")
                        .containerDefinitions(c -> c.name("web").image("nginx:1.27").essential(true).portMappings(p -> p.containerPort(80)))
                        .tags(t -> t.key(KEY).value("x")))
                .taskDefinition().taskDefinitionArn();
        arns.add(taskDefinition);
        arns.add(ecs.createCapacityProvider(r -> r.name("lab-capacity")
                        .autoScalingGroupProvider(a -> a.autoScalingGroupArn(
                                "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:1:autoScalingGroupName/lab-asg"))
                        .tags(t -> t.key(KEY).value("x")))
                .capacityProvider().capacityProviderArn());

        var elb = lab.elb;
        String balancer = elb.createLoadBalancer(r -> r.name("web").subnets(lab.subnets.get(0), lab.subnets.get(1))
                .tags(t -> t.key(KEY).value("x"))).loadBalancers().get(0).loadBalancerArn();
        lab.balancerArn = balancer;
        String blue = elb.createTargetGroup(r -> r.name("web-blue").protocol("HTTP").port(80).vpcId(lab.vpcId).targetType("ip")
                .tags(t -> t.key(KEY).value("x"))).targetGroups().get(0).targetGroupArn();
        String green = elb.createTargetGroup(r -> r.name("web-green").protocol("HTTP").port(80).vpcId(lab.vpcId).targetType("ip")
                .tags(t -> t.key(KEY).value("x"))).targetGroups().get(0).targetGroupArn();
        String prod = elb.createListener(r -> r.loadBalancerArn(balancer).protocol("HTTP").port(80)
                .defaultActions(Action.builder().type("forward").targetGroupArn(blue).build())
                .tags(t -> t.key(KEY).value("x"))).listeners().get(0).listenerArn();
        String test = elb.createListener(r -> r.loadBalancerArn(balancer).protocol("HTTP").port(8080)
                .defaultActions(Action.builder().type("forward").targetGroupArn(blue).build())
                .tags(t -> t.key(KEY).value("x"))).listeners().get(0).listenerArn();
        String rule = elb.createRule(r -> r.listenerArn(prod).priority(10)
                .conditions(c -> c.field("path-pattern").values("/health"))
                .actions(Action.builder().type("fixed-response").fixedResponseConfig(f -> f.statusCode("200")).build())
                .tags(t -> t.key(KEY).value("x"))).rules().get(0).ruleArn();
        arns.addAll(List.of(balancer, blue, green, prod, test, rule));

        String service = ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition(taskDefinition).desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(lab.network)
                .deploymentController(c -> c.type("CODE_DEPLOY"))
                .loadBalancers(l -> l.targetGroupArn(blue).containerName("web").containerPort(80))
                .tags(t -> t.key(KEY).value("x"))).service().serviceArn();
        String external = ecs.createService(r -> r.cluster("lab").serviceName("ext").desiredCount(0)
                .taskDefinition(taskDefinition).launchType(LaunchType.FARGATE).networkConfiguration(lab.network)
                .deploymentController(c -> c.type("EXTERNAL")).tags(t -> t.key(KEY).value("x"))).service().serviceArn();
        String taskSet = ecs.createTaskSet(r -> r.cluster("lab").service("ext").taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE).networkConfiguration(lab.network).externalId("lab-1")
                .tags(t -> t.key(KEY).value("x"))).taskSet().taskSetArn();
        String task = ecs.runTask(r -> r.cluster("lab").taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
                .networkConfiguration(lab.network).tags(t -> t.key(KEY).value("x"))).tasks().get(0).taskArn();
        arns.addAll(List.of(service, external, taskSet, task));

        // IAM roles carry the tag too, but tag:GetResources never lists them (as on AWS).
        iam.createRole(r -> r.roleName("lab-exec").assumeRolePolicyDocument(TRUST).tags(t -> t.key(KEY).value("x")));
        iam.attachRolePolicy(r -> r.roleName("lab-exec")
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
        iam.putRolePolicy(r -> r.roleName("lab-exec").policyName("read").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));

        arns.add(secrets.createSecret(r -> r.name("lab/db").secretString("pw").tags(t -> t.key(KEY).value("x"))).arn());
        ssm.putParameter(r -> r.name("/lab/url").value("http://web").type(ParameterType.STRING).tags(t -> t.key(KEY).value("x")));
        arns.add("arn:aws:ssm:us-east-1:000000000000:parameter/lab/url");
        logs.createLogGroup(r -> r.logGroupName("/ecs/lab").tags(Map.of(KEY, "x")));
        logs.createLogGroup(r -> r.logGroupName("/ecs/untagged"));
        arns.add("arn:aws:logs:us-east-1:000000000000:log-group:/ecs/lab");
        arns.add(ecr.createRepository(r -> r.repositoryName("lab-web").tags(t -> t.key(KEY).value("x")))
                .repository().repositoryArn());

        String privateNs = cloudMap.createPrivateDnsNamespace(r -> r.name("lab.local").vpc(lab.vpcId)
                .tags(t -> t.key(KEY).value("x"))).operationId();
        String httpNs = cloudMap.createHttpNamespace(r -> r.name("lab-http").tags(t -> t.key(KEY).value("x"))).operationId();
        lab.advance(5);
        String privateNsId = cloudMap.getOperation(r -> r.operationId(privateNs)).operation().targetsAsStrings().get("NAMESPACE");
        String httpNsId = cloudMap.getOperation(r -> r.operationId(httpNs)).operation().targetsAsStrings().get("NAMESPACE");
        arns.add("arn:aws:servicediscovery:us-east-1:000000000000:namespace/" + privateNsId);
        arns.add("arn:aws:servicediscovery:us-east-1:000000000000:namespace/" + httpNsId);
        arns.add(cloudMap.createService(r -> r.name("web").namespaceId(httpNsId).tags(t -> t.key(KEY).value("x")))
                .service().arn());

        lab.codeDeploy.createApplication(r -> r.applicationName("lab-app").computePlatform("ECS").tags(t -> t.key(KEY).value("x")));
        lab.codeDeploy.createDeploymentGroup(r -> r.applicationName("lab-app").deploymentGroupName("lab-dg")
                .serviceRoleArn("arn:aws:iam::000000000000:role/ecsCodeDeployRole")
                .ecsServices(s -> s.clusterName("lab").serviceName("web"))
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
                .blueGreenDeploymentConfiguration(b -> b
                        .terminateBlueInstancesOnDeploymentSuccess(t -> t.action("TERMINATE").terminationWaitTimeInMinutes(5))
                        .deploymentReadyOption(d -> d.actionOnTimeout("CONTINUE_DEPLOYMENT")))
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(p -> p
                        .targetGroups(g -> g.name("web-blue"), g -> g.name("web-green"))
                        .prodTrafficRoute(t -> t.listenerArns(prod))
                        .testTrafficRoute(t -> t.listenerArns(test))))
                .tags(t -> t.key(KEY).value("x")));
        arns.add("arn:aws:codedeploy:us-east-1:000000000000:application:lab-app");
        arns.add("arn:aws:codedeploy:us-east-1:000000000000:deploymentgroup:lab-app/lab-dg");

        cloudWatch.putMetricAlarm(r -> r.alarmName("lab-cpu").namespace("AWS/ECS").metricName("CPUUtilization")
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(80.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).tags(t -> t.key(KEY).value("x")));
        arns.add("arn:aws:cloudwatch:us-east-1:000000000000:alarm:lab-cpu");
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId("service/lab/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(4)
                .tags(Map.of(KEY, "x")));
        arns.add(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets().get(0)
                .scalableTargetARN());
        return new Built(arns, service, external, task, "lab-exec");
    }

    @Test
    void getResourcesFindsExactlyTheLabsTaggedResourcesAndNoneAfterTheCleanUp() {
        Built built = buildTheLab();

        assertThat(labArns("x")).containsExactlyInAnyOrderElementsOf(built.arns());
        assertThat(labArns("y")).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/other-lab");
        assertThat(labArns("x", "ecs:cluster")).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/lab");
        assertThat(labArns("x", "ecs:task-definition")).containsExactly("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
        assertThat(labArns("x", "logs:log-group")).containsExactly("arn:aws:logs:us-east-1:000000000000:log-group:/ecs/lab");
        assertThat(labArns("x", "elasticloadbalancing:loadbalancer")).singleElement().asString().contains(":loadbalancer/app/web/");
        assertThat(labArns("x", "elasticloadbalancing")).hasSize(6);
        assertThat(labArns("x", "ecs")).hasSize(7).contains(built.taskArn(), built.serviceArn());
        assertThat(labArns("x", "ecs:cluster", "ssm:parameter")).hasSize(2);
        assertThat(tagging.getResources(r -> r.tagFilters(f -> f.key(KEY))).resourceTagMappingList())
                .hasSize(built.arns().size() + 1);
        var mapping = tagging.getResources(r -> r.resourceARNList(built.taskArn())).resourceTagMappingList();
        assertThat(mapping).singleElement().satisfies(m -> assertThat(m.tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("ecslabs:lab=x"));
        assertThat(tagging.getTagValues(r -> r.key(KEY)).tagValues()).containsExactly("x", "y");
        assertThat(tagging.getTagKeys(r -> { }).tagKeys()).contains(KEY);

        cleanUp(built);

        assertThat(labArns("x")).isEmpty();
        assertThat(labArns("y")).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/other-lab");
    }

    /** The deletes a clean-up runs, in an order that AWS accepts; each refusal AWS gives on the way is checked too. */
    private void cleanUp(Built built) {
        var ecs = lab.ecs;
        scaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId("service/lab/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        cloudWatch.deleteAlarms(r -> r.alarmNames("lab-cpu"));
        lab.codeDeploy.deleteApplication(r -> r.applicationName("lab-app"));

        ecs.deleteService(r -> r.cluster("lab").service("web").force(true));
        ecs.deleteService(r -> r.cluster("lab").service("ext").force(true));
        ecs.stopTask(r -> r.cluster("lab").task(built.taskArn()));
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("lab"))).isInstanceOf(ClusterContainsServicesException.class);
        lab.advance(120);
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));
        ecs.deleteTaskDefinitions(r -> r.taskDefinitions("web:1"));
        ecs.deleteCapacityProvider(r -> r.capacityProvider("lab-capacity"));
        ecs.deleteCluster(r -> r.cluster("lab"));

        List<String> targetGroups = lab.elb.describeTargetGroups().targetGroups().stream().map(g -> g.targetGroupArn()).toList();
        assertThatThrownBy(() -> lab.elb.deleteTargetGroup(r -> r.targetGroupArn(targetGroups.get(0))))
                .isInstanceOf(ResourceInUseException.class);
        lab.elb.deleteLoadBalancer(r -> r.loadBalancerArn(lab.balancerArn));
        targetGroups.forEach(arn -> lab.elb.deleteTargetGroup(r -> r.targetGroupArn(arn)));

        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName(built.roleName()))).isInstanceOf(DeleteConflictException.class);
        iam.listAttachedRolePolicies(r -> r.roleName(built.roleName())).attachedPolicies()
                .forEach(p -> iam.detachRolePolicy(r -> r.roleName(built.roleName()).policyArn(p.policyArn())));
        iam.listRolePolicies(r -> r.roleName(built.roleName())).policyNames()
                .forEach(name -> iam.deleteRolePolicy(r -> r.roleName(built.roleName()).policyName(name)));
        iam.deleteRole(r -> r.roleName(built.roleName()));

        secrets.deleteSecret(r -> r.secretId("lab/db").forceDeleteWithoutRecovery(true));
        ssm.deleteParameter(r -> r.name("/lab/url"));
        logs.deleteLogGroup(r -> r.logGroupName("/ecs/lab"));
        ecr.deleteRepository(r -> r.repositoryName("lab-web").force(true));

        for (var service : cloudMap.listServices().services()) {
            cloudMap.deleteService(r -> r.id(service.id()));
        }
        for (var namespace : cloudMap.listNamespaces().namespaces()) {
            assertThat(cloudMap.deleteNamespace(r -> r.id(namespace.id())).operationId()).isNotBlank();
        }

        // A stopped task stays visible in DescribeTasks (and so in GetResources) for an hour.
        assertThat(labArns("x")).containsExactly(built.taskArn());
        lab.advance(3700);
    }

    @Test
    void eachServiceListsTheTagsItWasCreatedWith() {
        buildTheLab();
        var ecs = lab.ecs;
        for (String arn : labArns("x", "ecs")) {
            assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).as(arn)
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("ecslabs:lab=x");
        }
        List<String> balancing = labArns("x", "elasticloadbalancing");
        assertThat(lab.elb.describeTags(r -> r.resourceArns(balancing)).tagDescriptions())
                .hasSize(6).allSatisfy(d -> assertThat(d.tags()).extracting(t -> t.key() + "=" + t.value())
                        .containsExactly("ecslabs:lab=x"));
        lab.elb.addTags(r -> r.resourceArns(balancing.get(0)).tags(t -> t.key("owner").value("me")));
        assertThat(labArns("x", "elasticloadbalancing:loadbalancer")).containsExactly(balancing.get(0));
        assertThat(tagging.getResources(r -> r.tagFilters(f -> f.key("owner").values("me"))).resourceTagMappingList())
                .extracting(ResourceTagMapping::resourceARN).containsExactly(balancing.get(0));

        assertThat(iam.listRoleTags(r -> r.roleName("lab-exec")).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("ecslabs:lab=x");
        iam.tagRole(r -> r.roleName("lab-exec").tags(t -> t.key("owner").value("me")));
        assertThat(iam.listRoleTags(r -> r.roleName("lab-exec")).tags()).hasSize(2);
        assertThat(iam.getRole(r -> r.roleName("lab-exec")).role().tags()).hasSize(2);

        assertThat(secrets.describeSecret(r -> r.secretId("lab/db")).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("ecslabs:lab=x");
        secrets.tagResource(r -> r.secretId("lab/db").tags(t -> t.key("owner").value("me")));
        secrets.untagResource(r -> r.secretId("lab/db").tagKeys(KEY));
        assertThat(secrets.describeSecret(r -> r.secretId("lab/db")).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("owner=me");
        assertThat(labArns("x", "secretsmanager")).isEmpty();
        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/lab/url")).tagList())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("ecslabs:lab=x");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/lab/url").value("v2").overwrite(true)
                .tags(t -> t.key(KEY).value("x"))))
                .isInstanceOfSatisfying(SsmException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Invalid request: tags and overwrite can't be used together.");
                });
        ssm.putParameter(r -> r.name("/lab/url").value("v2").overwrite(true));
        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/lab/url")).tagList())
                .hasSize(1);

        assertThat(logs.listTagsForResource(r -> r.resourceArn("arn:aws:logs:us-east-1:000000000000:log-group:/ecs/lab")).tags())
                .containsExactlyEntriesOf(Map.of(KEY, "x"));
        assertThat(logs.listTagsLogGroup(r -> r.logGroupName("/ecs/lab")).tags()).containsExactlyEntriesOf(Map.of(KEY, "x"));
        String repository = labArns("x", "ecr:repository").get(0);
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(repository)).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("ecslabs:lab=x");
        for (String arn : labArns("x", "servicediscovery")) {
            assertThat(cloudMap.listTagsForResource(r -> r.resourceARN(arn)).tags()).as(arn)
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("ecslabs:lab=x");
        }
        assertThat(labArns("x", "servicediscovery")).hasSize(3);
        for (String arn : labArns("x", "codedeploy")) {
            assertThat(lab.codeDeploy.listTagsForResource(r -> r.resourceArn(arn)).tags()).as(arn)
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("ecslabs:lab=x");
        }
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN("arn:aws:cloudwatch:us-east-1:000000000000:alarm:lab-cpu"))
                .tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("ecslabs:lab=x");
        var target = scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets().get(0);
        assertThat(target.scalableTargetARN()).matches("arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/.+");
        assertThat(scaling.listTagsForResource(r -> r.resourceARN(target.scalableTargetARN())).tags())
                .containsExactlyEntriesOf(Map.of(KEY, "x"));
    }

    @Test
    void anInactiveTaskDefinitionRevisionIsStillListedUntilItIsDeleted() {
        lab.ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("web").image("nginx").memory(128))
                .tags(t -> t.key(KEY).value("x")));
        lab.ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));
        assertThat(labArns("x")).containsExactly("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
        lab.ecs.deleteTaskDefinitions(r -> r.taskDefinitions("web:1"));
        assertThat(labArns("x")).isEmpty();
    }

    @Test
    void resultsComeInPagesAndTagResourcesWritesThroughEachService() {
        for (int i = 0; i < 7; i++) {
            int n = i;
            logs.createLogGroup(r -> r.logGroupName("/page/" + n).tags(Map.of(KEY, "p")));
        }
        var first = tagging.getResources(r -> r.tagFilters(f -> f.key(KEY).values("p")).resourcesPerPage(3));
        assertThat(first.resourceTagMappingList()).hasSize(3);
        assertThat(first.paginationToken()).isNotEmpty();
        var second = tagging.getResources(r -> r.tagFilters(f -> f.key(KEY).values("p")).resourcesPerPage(3)
                .paginationToken(first.paginationToken()));
        var third = tagging.getResources(r -> r.tagFilters(f -> f.key(KEY).values("p")).resourcesPerPage(3)
                .paginationToken(second.paginationToken()));
        assertThat(third.resourceTagMappingList()).hasSize(1);
        assertThat(third.paginationToken()).isEmpty();
        List<String> all = new ArrayList<>();
        List.of(first, second, third).forEach(page -> page.resourceTagMappingList().forEach(m -> all.add(m.resourceARN())));
        assertThat(all).doesNotHaveDuplicates().hasSize(7);
        assertThat(tagging.getResourcesPaginator(GetResourcesRequest.builder().resourcesPerPage(2)
                .tagFilters(f -> f.key(KEY)).build()).resourceTagMappingList()).hasSize(7);

        String group = "arn:aws:logs:us-east-1:000000000000:log-group:/page/0";
        String missing = "arn:aws:logs:us-east-1:000000000000:log-group:/nowhere";
        var tagged = tagging.tagResources(r -> r.resourceARNList(group, missing).tags(Map.of("owner", "me")));
        assertThat(tagged.failedResourcesMap()).containsOnlyKeys(missing);
        assertThat(logs.listTagsLogGroup(r -> r.logGroupName("/page/0")).tags()).containsEntry("owner", "me");
        tagging.untagResources(r -> r.resourceARNList(group).tagKeys(KEY));
        assertThat(labArns("p")).hasSize(6).doesNotContain(group);

        String cluster = lab.ecs.createCluster(r -> r.clusterName("later")).cluster().clusterArn();
        assertThat(tagging.tagResources(r -> r.resourceARNList(cluster).tags(Map.of(KEY, "p"))).failedResourcesMap()).isEmpty();
        assertThat(lab.ecs.listTagsForResource(r -> r.resourceArn(cluster)).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("ecslabs:lab=p");
        assertThat(labArns("p", "ecs:cluster")).containsExactly(cluster);
    }

    @Test
    void badRequestsGetTheApisErrors() {
        assertThatThrownBy(() -> tagging.getResources(r -> r.resourcesPerPage(101)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterException"));
        assertThatThrownBy(() -> tagging.getResources(r -> r.resourcesPerPage(0))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> tagging.getResources(r -> r.resourceARNList("arn:aws:ecs:us-east-1:000000000000:cluster/x")
                .tagFilters(f -> f.key(KEY)))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> tagging.getResources(r -> r.paginationToken("garbage!")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> tagging.getResources(r -> r.tagFilters(f -> f.values("x"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(tagging.getResources(r -> { }).resourceTagMappingList()).isEmpty();
        assertThat(tagging.getResources(r -> { }).paginationToken()).isEmpty();
    }

    @Test
    void aTargetGroupInUseByARuleCannotBeDeleted() {
        var elb = lab.elb;
        String balancer = elb.createLoadBalancer(r -> r.name("web").subnets(lab.subnets.get(0), lab.subnets.get(1)))
                .loadBalancers().get(0).loadBalancerArn();
        String blue = lab.targetGroup("blue");
        String green = lab.targetGroup("green");
        String listener = elb.createListener(r -> r.loadBalancerArn(balancer).protocol("HTTP").port(80)
                .defaultActions(Action.builder().type("forward").targetGroupArn(blue).build())).listeners().get(0).listenerArn();
        elb.createRule(r -> r.listenerArn(listener).priority(1).conditions(c -> c.field("path-pattern").values("/v2/*"))
                .actions(Action.builder().type("forward").targetGroupArn(green).build()));
        assertThatThrownBy(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(green))).isInstanceOf(ResourceInUseException.class);
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(balancer));
        elb.deleteTargetGroup(r -> r.targetGroupArn(green));
        elb.deleteTargetGroup(r -> r.targetGroupArn(blue));
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
    }

    @Test
    void startedTasksAndContainerInstancesCarryTagsUntilTheClusterIsEmptied() {
        var ecs = lab.ecs;
        ecs.createCluster(r -> r.clusterName("ec2").tags(t -> t.key(KEY).value("x")));
        lab.control("AddContainerInstances", "{\"cluster\":\"ec2\",\"count\":1,\"instanceType\":\"t3.medium\"}");
        String instance = ecs.listContainerInstances(r -> r.cluster("ec2")).containerInstanceArns().get(0);
        ecs.tagResource(r -> r.resourceArn(instance).tags(t -> t.key(KEY).value("x")));
        ecs.registerTaskDefinition(r -> r.family("worker").containerDefinitions(c -> c.name("worker").image("busybox").memory(128)));
        String task = ecs.startTask(r -> r.cluster("ec2").taskDefinition("worker").containerInstances(instance)
                .tags(t -> t.key(KEY).value("x"))).tasks().get(0).taskArn();
        lab.advance(60);
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task)).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("ecslabs:lab=x");
        assertThat(labArns("x", "ecs:task")).containsExactly(task);
        assertThat(labArns("x", "ecs:container-instance")).containsExactly(instance);

        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("ec2")))
                .isInstanceOf(ClusterContainsContainerInstancesException.class);
        assertThatThrownBy(() -> ecs.deregisterContainerInstance(r -> r.cluster("ec2").containerInstance(instance)))
                .isInstanceOf(software.amazon.awssdk.services.ecs.model.InvalidParameterException.class);
        ecs.deregisterContainerInstance(r -> r.cluster("ec2").containerInstance(instance).force(true));
        assertThat(labArns("x", "ecs:container-instance")).isEmpty();
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("ec2")))
                .isInstanceOf(ClusterContainsTasksException.class);
        lab.advance(120);
        ecs.deleteCluster(r -> r.cluster("ec2"));
        assertThat(labArns("x")).containsExactly(task);
        lab.advance(3600);
        assertThat(labArns("x")).isEmpty();
    }

    @Test
    void eachRegionListsOnlyItsOwnResources() {
        try (ResourceGroupsTaggingApiClient west = SdkClients.build(ResourceGroupsTaggingApiClient.builder(),
                     lab.fixture.endpoint(), "us-west-2");
             CloudWatchLogsClient westLogs = SdkClients.build(CloudWatchLogsClient.builder(), lab.fixture.endpoint(), "us-west-2")) {
            westLogs.createLogGroup(r -> r.logGroupName("/west").tags(Map.of(KEY, "x")));
            logs.createLogGroup(r -> r.logGroupName("/east").tags(Map.of(KEY, "x")));
            assertThat(west.getResources(r -> r.tagFilters(f -> f.key(KEY))).resourceTagMappingList())
                    .extracting(ResourceTagMapping::resourceARN).containsExactly("arn:aws:logs:us-west-2:000000000000:log-group:/west");
            assertThat(labArns("x")).containsExactly("arn:aws:logs:us-east-1:000000000000:log-group:/east");
        }
    }
}
