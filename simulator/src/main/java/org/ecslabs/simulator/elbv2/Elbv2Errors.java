package org.ecslabs.simulator.elbv2;

import org.ecslabs.simulator.protocol.AwsException;

/** ELBv2's error codes (the model's {@code error.code}) with AWS's wording. */
final class Elbv2Errors {
    private Elbv2Errors() {
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationError", message);
    }

    static AwsException loadBalancerNotFound() {
        return new AwsException("LoadBalancerNotFound", "One or more load balancers not found");
    }

    static AwsException targetGroupNotFound() {
        return new AwsException("TargetGroupNotFound", "One or more target groups not found");
    }

    static AwsException listenerNotFound() {
        return new AwsException("ListenerNotFound", "One or more listeners not found");
    }

    static AwsException ruleNotFound() {
        return new AwsException("RuleNotFound", "One or more rules not found");
    }

    static AwsException duplicateLoadBalancerName() {
        return new AwsException("DuplicateLoadBalancerName", "A load balancer with the same name already exists");
    }

    static AwsException duplicateTargetGroupName() {
        return new AwsException("DuplicateTargetGroupName", "A target group with the same name already exists");
    }

    static AwsException duplicateListener() {
        return new AwsException("DuplicateListener", "A listener already exists on this port for this load balancer");
    }

    static AwsException resourceInUse(String message) {
        return new AwsException("ResourceInUse", message);
    }

    static AwsException priorityInUse(String priority) {
        return new AwsException("PriorityInUse", "Priority '" + priority + "' is currently in use");
    }

    static AwsException invalidTarget(String message) {
        return new AwsException("InvalidTarget", message);
    }

    static AwsException invalidConfiguration(String message) {
        return new AwsException("InvalidConfigurationRequest", message);
    }

    static AwsException associationLimit(String targetGroupArn) {
        return new AwsException("TargetGroupAssociationLimit",
                "The following target groups cannot be associated with more than one load balancer: " + targetGroupArn);
    }

    static AwsException subnetNotFound(String subnetId) {
        return new AwsException("SubnetNotFound", "The subnet ID '" + subnetId + "' is not valid");
    }

    static AwsException operationNotPermitted(String message) {
        return new AwsException("OperationNotPermitted", message);
    }

    static AwsException invalidLoadBalancerAction(String message) {
        return new AwsException("InvalidLoadBalancerAction", message);
    }
}
