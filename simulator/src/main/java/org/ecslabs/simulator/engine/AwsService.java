package org.ecslabs.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * One AWS service of the simulator: a set of plain operations on a plain state model.
 * The wire layer parses the request, verifies its signature, finds the sandbox, calls
 * {@link #call} under the account's lock, persists the state, and writes the response.
 * Implementations are found with {@link java.util.ServiceLoader} and need a no-arg constructor.
 */
public interface AwsService {
    /** The SigV4 signing name, also the service part of ARNs: ecs, ec2, elasticloadbalancing, ... */
    String signingName();

    Protocol protocol();

    /** For {@link Protocol#AWS_JSON_1_1}: the X-Amz-Target prefix, e.g. AmazonEC2ContainerServiceV20141113. */
    default String targetPrefix() {
        return null;
    }

    /**
     * For query protocols: the XML namespace of responses, e.g.
     * {@code http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/} (EC2 always uses its own).
     */
    default String xmlNamespace() {
        return "https://" + signingName() + ".amazonaws.com/doc/";
    }

    /** This service's state per sandbox: Jackson-serializable, with a no-arg constructor. */
    Class<?> stateType();

    /**
     * Runs one operation. Input and output use the API model's member names: for JSON protocols
     * exactly the wire JSON; for query protocols the form parameters folded into a tree
     * ({@code Filter.1.Value.1} becomes {@code {"Filter":[{"Value":["..."]}]}}, {@code .member.N}
     * becomes a list) and the output is the XML result element's content as a tree
     * (arrays become list items). Throws {@link org.ecslabs.simulator.protocol.AwsException}
     * for AWS errors.
     */
    JsonNode call(Sandbox sandbox, String operation, ObjectNode input);

    /** The control operations ({@code X-Amz-Target: EcsLabsSimulator.<Op>}) this service answers. */
    default Set<String> controlOperations() {
        return Set.of();
    }

    /**
     * Moves this service's state forward to {@code sandbox.now()}. The engine calls it with the
     * clock advancing in steps of at most one simulated second, and once before every call.
     * Returns whether anything changed (so the engine knows to persist).
     */
    default boolean tick(Sandbox sandbox) {
        return false;
    }
}
