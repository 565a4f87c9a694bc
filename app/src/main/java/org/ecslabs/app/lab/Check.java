package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One declarative check of a lab: call an AWS operation, evaluate a JMESPath expression over the
 * response, and pass when the result is true (or truthy, as JMESPath defines it).
 *
 * @param id        unique within its lab
 * @param title     what a learner reads next to the result
 * @param service   the AWS CLI service name, e.g. application-autoscaling
 * @param operation the API operation name, e.g. DescribeScalingPolicies
 * @param input     the request in the API's own member names
 * @param expect    the JMESPath expression over the response
 * @param fail      what to tell the learner when the check fails
 * @param line      the line of the file the check block starts on, for error messages
 */
public record Check(String id, String title, String service, String operation, ObjectNode input,
                    String expect, String fail, int line) {

    /** {@code service:Operation}, as written in the lab. */
    public String call() {
        return service + ":" + operation;
    }
}
