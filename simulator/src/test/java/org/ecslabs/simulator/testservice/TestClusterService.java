package org.ecslabs.simulator.testservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * A test-only JSON service shaped like a sliver of ECS (so the SDK's EcsClient parses it), under a
 * made-up target prefix that cannot collide with the real ECS service. A cluster is PROVISIONING
 * for two simulated seconds, then a tick makes it ACTIVE.
 */
public final class TestClusterService implements AwsService {
    public static final String TARGET_PREFIX = "SimTestService_20260101";
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The state: plain fields, serialized by the engine. */
    public static final class State {
        List<TestCluster> clusters = new ArrayList<>();
    }

    static final class TestCluster {
        String name;
        String arn;
        String status;
        Instant createdAt;
        int ticksSeen;
        Instant lastTick;
    }

    @Override
    public String signingName() {
        return "simtest";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public Class<?> stateType() {
        return State.class;
    }

    @Override
    public Set<String> controlOperations() {
        return Set.of("FailTestCluster");
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        State state = sandbox.state(State.class);
        return switch (operation) {
            case "CreateCluster" -> {
                String name = input.path("clusterName").asText("default");
                TestCluster cluster = new TestCluster();
                cluster.name = name;
                cluster.arn = sandbox.arn("ecs", "cluster/" + name);
                cluster.status = "PROVISIONING";
                cluster.createdAt = sandbox.now();
                state.clusters.add(cluster);
                if (name.startsWith("fail-after-write")) {
                    // Proves that a failed call leaves nothing behind.
                    throw AwsException.invalidParameter("Cluster names starting with fail-after-write are refused.");
                }
                yield NODES.objectNode().set("cluster", describe(cluster));
            }
            case "ListClusters" -> {
                ArrayNode arns = NODES.arrayNode();
                state.clusters.forEach(c -> arns.add(c.arn));
                yield NODES.objectNode().set("clusterArns", arns);
            }
            case "DescribeClusters" -> {
                ArrayNode clusters = NODES.arrayNode();
                for (JsonNode name : input.path("clusters")) {
                    clusters.add(describe(find(state, name.asText())));
                }
                ObjectNode out = NODES.objectNode();
                out.set("clusters", clusters);
                out.set("failures", NODES.arrayNode());
                yield out;
            }
            case "FailTestCluster" -> {
                TestCluster cluster = find(state, input.path("cluster").asText());
                cluster.status = "FAILED";
                yield NODES.objectNode().set("cluster", describe(cluster));
            }
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        State state = sandbox.state(State.class);
        boolean changed = false;
        for (TestCluster cluster : state.clusters) {
            if (cluster.lastTick == null || sandbox.now().isAfter(cluster.lastTick)) {
                // Counts the distinct instants ticked, so a test can see every simulated second.
                cluster.ticksSeen++;
                cluster.lastTick = sandbox.now();
                changed = true;
            }
            if ("PROVISIONING".equals(cluster.status)
                    && !sandbox.now().isBefore(cluster.createdAt.plus(Duration.ofSeconds(2)))) {
                cluster.status = "ACTIVE";
                changed = true;
            }
        }
        return changed;
    }

    private static TestCluster find(State state, String nameOrArn) {
        return state.clusters.stream()
                .filter(c -> c.name.equals(nameOrArn) || c.arn.equals(nameOrArn))
                .findFirst()
                .orElseThrow(() -> new AwsException("ClusterNotFoundException", "Cluster not found."));
    }

    private static ObjectNode describe(TestCluster cluster) {
        return NODES.objectNode()
                .put("clusterName", cluster.name)
                .put("clusterArn", cluster.arn)
                .put("status", cluster.status)
                .put("pendingTasksCount", cluster.ticksSeen);
    }
}
