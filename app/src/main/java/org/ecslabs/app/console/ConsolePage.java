package org.ecslabs.app.console;

import java.util.List;
import org.ecslabs.app.aws.CredentialVault;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.lab.LabTags;
import org.ecslabs.app.web.Frame;

/**
 * The console page.
 *
 * @param examples commands a learner can click to put in the command box
 * @param account  the learner's AWS account the commands run in (region and key hint only), or null on the simulator
 * @param lab      the lab whose context the commands run in ({@code /console?lab=<id>}), or null
 * @param problem  why the console cannot run (stored credentials that no longer decrypt), or null
 */
public record ConsolePage(Frame frame, List<String> examples, CredentialVault.Summary account,
                          LabDirectory.LabLink lab, String problem) {

    static final List<String> EXAMPLES = List.of(
            "aws ecs create-cluster --cluster-name demo",
            "aws ecs list-clusters",
            "aws ec2 describe-subnets --query 'Subnets[].[SubnetId,AvailabilityZone]' --output table",
            "aws ecs describe-services --cluster demo --services web --query 'services[0].events[:3]'",
            "aws ecs create-service help",
            "ecslabs help");

    /** On an AWS account: the same, without the simulator's own commands. */
    static final List<String> AWS_EXAMPLES = EXAMPLES.stream().filter(example -> !example.startsWith("ecslabs")).toList();

    public boolean realAccount() {
        return account != null;
    }

    /** How often the live view polls, in seconds: on AWS every read is an API call that counts against its rate limits. */
    public int pollSeconds() {
        return realAccount() ? 10 : 2;
    }

    /** The lab tag's text, {@code ecslabs:lab=<id>}. */
    public String labTag() {
        return lab == null ? null : LabTags.KEY + "=" + lab.id();
    }
}
