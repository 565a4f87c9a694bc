package org.ecslabs.simulator.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.ecslabs.simulator.support.SimulatorFixture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.AppSpecContent;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A student's blue/green lab on the simulator over HTTP with the real SDK clients: a Fargate task
 * definition, an ALB with two ip target groups, a production and a test listener. The clock is
 * paused and moves only through the control API.
 */
public final class LoadBalancerLab implements AutoCloseable {
    public final SimulatorFixture fixture = SimulatorFixture.paused();
    public final EcsClient ecs = EcsClient.builder().applyMutation(this::configure).httpClient(UrlConnectionHttpClient.create()).build();
    public final Ec2Client ec2 = Ec2Client.builder().applyMutation(this::configure).httpClient(UrlConnectionHttpClient.create()).build();
    public final ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().applyMutation(this::configure)
            .httpClient(UrlConnectionHttpClient.create()).build();
    public final CodeDeployClient codeDeploy = CodeDeployClient.builder().applyMutation(this::configure)
            .httpClient(UrlConnectionHttpClient.create()).build();
    public final List<String> subnets;
    public final String vpcId;
    public final NetworkConfiguration network;
    public String balancerArn;
    public String blueArn;
    public String greenArn;
    public String prodListenerArn;
    public String testListenerArn;

    public LoadBalancerLab() {
        var found = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build())).subnets();
        subnets = found.stream().map(s -> s.subnetId()).sorted().toList();
        vpcId = found.get(0).vpcId();
        network = NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets(subnets.get(0), subnets.get(1)).assignPublicIp("ENABLED").build()).build();
    }

    private void configure(AwsClientBuilder<?, ?> builder) {
        builder.endpointOverride(fixture.endpoint())
                .region(Region.of(SimulatorFixture.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    public void advance(int seconds) {
        var response = fixture.control("test", "test", "AdvanceClock", "{\"seconds\":" + seconds + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    public void control(String operation, String json) {
        var response = fixture.control("test", "test", operation, json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    public String taskDefinition(String image) {
        return ecs.registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).essential(true)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    /** The cluster, an ALB, blue and green target groups (5 s interval, 2 checks to pass), prod listener to blue. */
    public void loadBalancer(boolean withTestListener) {
        ecs.createCluster(r -> r.clusterName("lab"));
        balancerArn = elb.createLoadBalancer(r -> r.name("web").subnets(subnets.get(0), subnets.get(1)))
                .loadBalancers().get(0).loadBalancerArn();
        blueArn = targetGroup("web-blue");
        greenArn = targetGroup("web-green");
        prodListenerArn = listener(80, blueArn);
        if (withTestListener) {
            testListenerArn = listener(8080, blueArn);
        }
    }

    public String targetGroup(String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId(vpcId)
                .targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                .healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
    }

    public String listener(int port, String targetGroupArn) {
        return elb.createListener(r -> r.loadBalancerArn(balancerArn).protocol("HTTP").port(port)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build()))
                .listeners().get(0).listenerArn();
    }

    public void service(String taskDefinitionArn, int desired, String controller, Consumer<CreateServiceRequest.Builder> more) {
        ecs.createService(r -> {
            r.cluster("lab").serviceName("web").taskDefinition(taskDefinitionArn).desiredCount(desired)
                    .launchType(LaunchType.FARGATE).networkConfiguration(network)
                    .deploymentController(c -> c.type(controller))
                    .loadBalancers(lb -> lb.targetGroupArn(blueArn).containerName("web").containerPort(80));
            more.accept(r);
        });
    }

    public List<TargetHealthDescription> targets(String targetGroupArn) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    }

    public List<String> states(String targetGroupArn) {
        return targets(targetGroupArn).stream().map(t -> t.targetHealth().stateAsString()).sorted().toList();
    }

    /** The production listener's forward weights by target group ARN. */
    public Map<String, Integer> weights(String listenerArn) {
        Action action = elb.describeListeners(r -> r.listenerArns(listenerArn)).listeners().get(0).defaultActions().get(0);
        return action.forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
    }

    /** Starts a CodeDeploy deployment of group web-dg (application web) to {@code taskDefinition}; returns its id. */
    public String deploy(String taskDefinition) {
        String appSpec = """
                version: 0.0
                Resources:
                  - TargetService:
                      Type: AWS::ECS::Service
                      Properties:
                        TaskDefinition: "%s"
                        LoadBalancerInfo:
                          ContainerName: "web"
                          ContainerPort: 80
                """.formatted(taskDefinition);
        return codeDeploy.createDeployment(r -> r.applicationName("web").deploymentGroupName("web-dg")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                        .appSpecContent(AppSpecContent.builder().content(appSpec).build()))).deploymentId();
    }

    public Service describeService() {
        return ecs.describeServices(r -> r.cluster("lab").services("web")).services().get(0);
    }

    @Override
    public void close() {
        ecs.close();
        ec2.close();
        elb.close();
        codeDeploy.close();
        fixture.close();
    }
}
