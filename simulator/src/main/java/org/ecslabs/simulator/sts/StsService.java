package org.ecslabs.simulator.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * AWS STS, only as far as ECS tutorials use it: {@code aws sts get-caller-identity} to learn the
 * account id for role ARNs and ECR URIs. The caller is the account's root user.
 */
public class StsService implements AwsService {
    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public String xmlNamespace() {
        return "https://sts.amazonaws.com/doc/2011-06-15/";
    }

    @Override
    public Class<?> stateType() {
        return StsState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        if (!operation.equals("GetCallerIdentity")) {
            throw new AwsException("InvalidAction", "The action " + operation + " is not valid for this web service.");
        }
        return JsonNodeFactory.instance.objectNode()
                .put("UserId", sandbox.accountId())
                .put("Account", sandbox.accountId())
                .put("Arn", "arn:aws:iam::" + sandbox.accountId() + ":root");
    }

    /** STS keeps nothing; the engine still wants a state type. */
    public static class StsState {
    }
}
