package org.ecslabs.app.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.console.SandboxState.Share;
import org.ecslabs.app.console.SandboxState.TargetGroupView;
import org.ecslabs.app.console.SandboxState.TargetView;
import org.ecslabs.app.console.SandboxState.TrafficSplit;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The load balancing part of the live view: target groups with their targets' health, and how
 * traffic is split during a blue/green deployment (weighted listener rules, CodeDeploy's task set
 * traffic weights). Throws the SDK's exceptions when the back end lacks ELBv2 or CodeDeploy.
 */
final class LoadBalancing {

    private LoadBalancing() {
    }

    static List<TargetGroupView> targetGroups(AwsClients clients, List<TrafficSplit> splits) {
        ElasticLoadBalancingV2Client elb = (ElasticLoadBalancingV2Client) clients.client("elbv2");
        List<TargetGroupView> views = new ArrayList<>();
        List<TargetGroup> groups = elb.describeTargetGroups(request -> request.pageSize(100)).targetGroups();
        for (TargetGroup group : groups) {
            List<TargetView> targets = elb.describeTargetHealth(request -> request.targetGroupArn(group.targetGroupArn()))
                    .targetHealthDescriptions().stream()
                    .map(description -> new TargetView(description.target().id(), description.target().port(),
                            description.targetHealth() == null ? null : description.targetHealth().stateAsString(),
                            description.targetHealth() == null ? null : description.targetHealth().reasonAsString()))
                    .toList();
            views.add(new TargetGroupView(group.targetGroupName(), group.protocolAsString(), group.port(), targets));
        }
        Map<String, String> names = new HashMap<>();
        groups.forEach(group -> names.put(group.targetGroupArn(), group.targetGroupName()));
        for (LoadBalancer balancer : elb.describeLoadBalancers(request -> request.pageSize(100)).loadBalancers()) {
            elb.describeListeners(request -> request.loadBalancerArn(balancer.loadBalancerArn())).listeners().forEach(listener -> {
                for (Action action : listener.defaultActions()) {
                    if (action.forwardConfig() != null && action.forwardConfig().targetGroups().size() > 1) {
                        double total = action.forwardConfig().targetGroups().stream()
                                .mapToDouble(tuple -> tuple.weight() == null ? 1 : tuple.weight()).sum();
                        splits.add(new TrafficSplit(balancer.loadBalancerName() + " :" + listener.port(),
                                action.forwardConfig().targetGroups().stream().map(tuple -> new Share(
                                        names.getOrDefault(tuple.targetGroupArn(), SandboxState.shortName(tuple.targetGroupArn())),
                                        total == 0 ? 0 : 100.0 * (tuple.weight() == null ? 1 : tuple.weight()) / total)).toList()));
                    }
                }
            });
        }
        return views;
    }

    static List<TrafficSplit> codeDeploySplits(AwsClients clients, List<TrafficSplit> splits) {
        CodeDeployClient deploy = (CodeDeployClient) clients.client("deploy");
        for (String id : deploy.listDeployments(request -> request.includeOnlyStatuses(DeploymentStatus.IN_PROGRESS,
                DeploymentStatus.READY)).deployments()) {
            List<String> targets = deploy.listDeploymentTargets(request -> request.deploymentId(id)).targetIds();
            if (targets.isEmpty()) {
                continue;
            }
            deploy.batchGetDeploymentTargets(request -> request.deploymentId(id).targetIds(targets)).deploymentTargets()
                    .stream().filter(target -> target.ecsTarget() != null).forEach(target -> splits.add(new TrafficSplit(
                            "CodeDeploy " + id, target.ecsTarget().taskSetsInfo().stream().map(set -> new Share(
                                    (set.taskSetLabelAsString() == null ? "" : set.taskSetLabelAsString() + " ") + set.identifer(),
                                    set.trafficWeight() == null ? 0 : set.trafficWeight())).toList())));
        }
        return splits;
    }
}
