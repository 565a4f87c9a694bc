package org.ecslabs.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * The per-service load model: a student states the average utilization at today's task count,
 * and the model turns it into a demand that the tasks share. Scaling out lowers utilization,
 * scaling in raises it.
 */
public final class LoadModel {
    /** What a service with no load set reports: an idle container. */
    static final double IDLE_UTILIZATION = 0.0;

    private final EcsServices ecs;

    public LoadModel(EcsServices ecs) {
        this.ecs = ecs;
    }

    /** What the service shows right now. */
    public record Reading(int runningCount, double cpuUtilization, double memoryUtilization, Double requestsPerSecond) {
        /** ALB RequestCountPerTarget for one minute, or null without requests or targets. */
        public Double requestCountPerTargetPerMinute() {
            if (requestsPerSecond == null || runningCount == 0) {
                return null;
            }
            return requestsPerSecond * 60.0 / runningCount;
        }
    }

    public Reading read(Sandbox sandbox, ServiceRef service) {
        int running = ecs.runningCount(sandbox, service);
        LoadState.ServiceLoad load = sandbox.state(LoadState.class).services.get(service.key());
        if (load == null) {
            return new Reading(running, running == 0 ? 0 : IDLE_UTILIZATION, running == 0 ? 0 : IDLE_UTILIZATION, null);
        }
        return new Reading(running, utilization(load.cpuDemand, running), utilization(load.memoryDemand, running),
                load.requestsPerSecond);
    }

    private static double utilization(Double demand, int running) {
        if (running == 0) {
            return 0;
        }
        if (demand == null) {
            return IDLE_UTILIZATION;
        }
        return Math.min(100.0, demand / running);
    }

    /** The control operation SetServiceLoad {cluster, service, cpuUtilization?, memoryUtilization?, requestsPerSecond?}. */
    public JsonNode setServiceLoad(Sandbox sandbox, ObjectNode input) {
        String clusterName = text(input, "cluster");
        String serviceName = text(input, "service");
        if (serviceName == null) {
            throw new AwsException("ValidationException", "service is required.");
        }
        ServiceRef service = ecs.find(sandbox, clusterName == null ? "default" : clusterName, serviceName)
                .orElseThrow(() -> new AwsException("ServiceNotFoundException", "Service not found."));
        Double cpu = percent(input, "cpuUtilization");
        Double memory = percent(input, "memoryUtilization");
        Double rps = number(input, "requestsPerSecond");
        if (rps != null && rps < 0) {
            throw new AwsException("ValidationException", "requestsPerSecond must not be negative.");
        }
        // The numbers are the average at the current count; before any task runs, the count the
        // service is heading for is the natural reading of "current".
        int basis = ecs.runningCount(sandbox, service);
        if (basis == 0) {
            basis = Math.max(1, ecs.desiredCount(sandbox, service));
        }
        LoadState.ServiceLoad load = sandbox.state(LoadState.class).services
                .computeIfAbsent(service.key(), key -> new LoadState.ServiceLoad());
        if (cpu != null) {
            load.cpuDemand = cpu * basis;
        }
        if (memory != null) {
            load.memoryDemand = memory * basis;
        }
        if (rps != null) {
            load.requestsPerSecond = rps;
        }
        Reading reading = read(sandbox, service);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("cluster", service.cluster());
        result.put("service", service.service());
        result.put("runningCount", reading.runningCount());
        result.put("cpuUtilization", reading.cpuUtilization());
        result.put("memoryUtilization", reading.memoryUtilization());
        if (reading.requestsPerSecond() != null) {
            result.put("requestsPerSecond", reading.requestsPerSecond());
        }
        return result;
    }

    private static String text(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    private static Double number(ObjectNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                throw new AwsException("ValidationException", field + " must be a number.");
            }
        }
        return node.asDouble();
    }

    private static Double percent(ObjectNode input, String field) {
        Double value = number(input, field);
        if (value != null && (value < 0 || value > 100)) {
            throw new AwsException("ValidationException", field + " must be between 0 and 100.");
        }
        return value;
    }
}
