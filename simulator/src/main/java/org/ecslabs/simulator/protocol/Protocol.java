package org.ecslabs.simulator.protocol;

/** The AWS wire protocols the simulator speaks. */
public enum Protocol {
    /** JSON bodies, operation named by the X-Amz-Target header (ECS, Application Auto Scaling, CodeDeploy, ...). */
    AWS_JSON_1_1,
    /** Form-encoded Action=... requests with XML responses, lists as {@code <member>} (ELBv2, IAM, CloudWatch). */
    QUERY,
    /** EC2's variant of the query protocol: lists as {@code <item>}, errors under {@code <Response><Errors>}. */
    EC2
}
