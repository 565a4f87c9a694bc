package org.ecslabs.app.console;

import java.util.List;
import org.ecslabs.app.web.Frame;

/**
 * The console page.
 *
 * @param examples commands a learner can click to put in the command box
 */
public record ConsolePage(Frame frame, List<String> examples) {

    static final List<String> EXAMPLES = List.of(
            "aws ecs create-cluster --cluster-name demo",
            "aws ecs list-clusters",
            "aws ec2 describe-subnets --query 'Subnets[].[SubnetId,AvailabilityZone]' --output table",
            "aws ecs describe-services --cluster demo --services web --query 'services[0].events[:3]'",
            "aws ecs create-service help",
            "ecslabs help");
}
