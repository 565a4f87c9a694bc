package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * ECS's newer deployment records: a service revision per deployment (what ran) and a service
 * deployment per change (from which revisions to which, and how it went).
 */
final class ServiceDeployments {
    private ServiceDeployments() {
    }

    /** Records the revision and the service deployment for a new ECS deployment of a service. */
    static void record(Ecs ecs, EcsState.Service service, EcsState.Deployment deployment, List<EcsState.Deployment> sources) {
        String cluster = Json.lastSegment(service.clusterArn);
        String revisionArn = ecs.arn("service-revision/" + cluster + "/" + service.serviceName + "/"
                + Json.digits(ecs.newId(), 19));
        ObjectNode revision = Json.object();
        revision.put("serviceRevisionArn", revisionArn);
        revision.put("serviceArn", service.serviceArn);
        revision.put("clusterArn", service.clusterArn);
        revision.put("taskDefinition", deployment.taskDefinition);
        if (deployment.capacityProviderStrategy != null) {
            revision.set("capacityProviderStrategy", deployment.capacityProviderStrategy.deepCopy());
        }
        if (deployment.launchType != null) {
            revision.put("launchType", deployment.launchType);
        }
        if (deployment.platformVersion != null) {
            revision.put("platformVersion", deployment.platformVersion);
            revision.put("platformFamily", "Linux");
        }
        revision.set("loadBalancers", service.loadBalancers == null ? Json.array() : service.loadBalancers.deepCopy());
        revision.set("serviceRegistries", service.serviceRegistries == null ? Json.array() : service.serviceRegistries.deepCopy());
        if (deployment.networkConfiguration != null) {
            revision.set("networkConfiguration", deployment.networkConfiguration.deepCopy());
        }
        ArrayNode images = revision.putArray("containerImages");
        EcsState.TaskDef def = ecs.findTaskDefinition(deployment.taskDefinition);
        if (def != null) {
            for (JsonNode container : Json.list(def.body, "containerDefinitions")) {
                images.addObject().put("containerName", Json.text(container, "name"))
                        .put("image", Json.text(container, "image"))
                        .put("imageDigest", "sha256:" + ecs.newId() + ecs.newId());
            }
        }
        revision.put("guardDutyEnabled", false);
        revision.put("createdAt", ecs.now());
        ecs.state().serviceRevisions.put(revisionArn, revision);
        deployment.serviceRevisionArn = revisionArn;

        String deploymentArn = ecs.arn("service-deployment/" + cluster + "/" + service.serviceName + "/"
                + ecs.newId().substring(0, 22));
        ObjectNode record = Json.object();
        record.put("serviceDeploymentArn", deploymentArn);
        record.put("serviceArn", service.serviceArn);
        record.put("clusterArn", service.clusterArn);
        record.put("createdAt", ecs.now());
        record.put("startedAt", ecs.now());
        record.put("updatedAt", ecs.now());
        ArrayNode sourceRevisions = record.putArray("sourceServiceRevisions");
        for (EcsState.Deployment source : sources) {
            if (source.serviceRevisionArn != null) {
                sourceRevisions.addObject().put("arn", source.serviceRevisionArn);
            }
        }
        record.putObject("targetServiceRevision").put("arn", revisionArn).put("requestedTaskCount", deployment.desiredCount)
                .put("runningTaskCount", 0).put("pendingTaskCount", 0);
        record.put("status", "IN_PROGRESS");
        record.put("lifecycleStage", "SCALE_UP");
        record.set("deploymentConfiguration", service.deploymentConfiguration.deepCopy());
        JsonNode breaker = service.deploymentConfiguration.get("deploymentCircuitBreaker");
        boolean enabled = breaker != null && Json.bool(breaker, "enable");
        record.putObject("deploymentCircuitBreaker").put("status", enabled ? "MONITORING" : "DISABLED")
                .put("failureCount", 0).put("threshold", Scheduler.threshold(service.desiredCount));
        ecs.state().serviceDeployments.put(deploymentArn, record);
        deployment.serviceDeploymentArn = deploymentArn;
        service.currentServiceDeployment = deploymentArn;
    }

    static ObjectNode of(Ecs ecs, EcsState.Deployment deployment) {
        return deployment.serviceDeploymentArn == null ? null : ecs.state().serviceDeployments.get(deployment.serviceDeploymentArn);
    }

    static void finish(Ecs ecs, EcsState.Deployment deployment, String status, String reason) {
        ObjectNode record = of(ecs, deployment);
        if (record == null) {
            return;
        }
        record.put("status", status);
        if (reason != null) {
            record.put("statusReason", reason);
        }
        record.put("updatedAt", ecs.now());
        if (status.equals("STOPPED")) {
            record.put("stoppedAt", ecs.now());
        } else {
            record.put("finishedAt", ecs.now());
        }
        record.put("lifecycleStage", "CLEAN_UP");
        if (record.has("deploymentCircuitBreaker")) {
            ObjectNode breaker = (ObjectNode) record.get("deploymentCircuitBreaker");
            breaker.put("failureCount", deployment.failedTasks);
            if (!"DISABLED".equals(Json.text(breaker, "status"))) {
                breaker.put("status", status.contains("ROLLBACK") || status.equals("STOPPED") ? "TRIGGERED" : "MONITORING_COMPLETE");
            }
        }
    }

    /** Refreshes a deployment record's counts from the tasks. */
    static void refresh(Ecs ecs, EcsState.Deployment deployment, int running, int pending) {
        ObjectNode record = of(ecs, deployment);
        if (record == null) {
            return;
        }
        ObjectNode target = (ObjectNode) record.get("targetServiceRevision");
        target.put("requestedTaskCount", deployment.desiredCount).put("runningTaskCount", running).put("pendingTaskCount", pending);
        if (record.has("deploymentCircuitBreaker")) {
            ((ObjectNode) record.get("deploymentCircuitBreaker")).put("failureCount", deployment.failedTasks);
        }
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        List<String> arns = Json.strings(input, "serviceDeploymentArns");
        if (arns.isEmpty()) {
            throw AwsException.invalidParameter("serviceDeploymentArns can not be empty.");
        }
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String arn : arns) {
            ObjectNode record = ecs.state().serviceDeployments.get(arn);
            if (record == null) {
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                found.add(record.deepCopy());
            }
        }
        ObjectNode out = Json.object();
        out.set("serviceDeployments", found);
        out.set("failures", failures);
        return out;
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.text(input, "service"));
        List<String> statuses = Json.strings(input, "status");
        JsonNode created = input.get("createdAt");
        Double before = created != null && created.has("before") ? created.get("before").asDouble() : null;
        Double after = created != null && created.has("after") ? created.get("after").asDouble() : null;
        List<ObjectNode> records = ecs.state().serviceDeployments.values().stream()
                .filter(r -> service.serviceArn.equals(Json.text(r, "serviceArn")))
                .filter(r -> statuses.isEmpty() || statuses.contains(Json.text(r, "status")))
                .filter(r -> before == null || r.get("createdAt").asDouble() < before)
                .filter(r -> after == null || r.get("createdAt").asDouble() > after)
                .sorted((a, b) -> Double.compare(b.get("createdAt").asDouble(), a.get("createdAt").asDouble()))
                .toList();
        List<String> arns = records.stream().map(r -> Json.text(r, "serviceDeploymentArn")).toList();
        ObjectNode page = Pages.of(input, arns, "arns", 20);
        ArrayNode briefs = Json.array();
        for (JsonNode arn : page.get("arns")) {
            ObjectNode record = ecs.state().serviceDeployments.get(arn.asText());
            ObjectNode brief = briefs.addObject();
            for (String field : List.of("serviceDeploymentArn", "serviceArn", "clusterArn", "startedAt", "createdAt",
                    "finishedAt", "status", "statusReason")) {
                if (record.has(field)) {
                    brief.set(field, record.get(field));
                }
            }
            brief.put("targetServiceRevisionArn", Json.text(record.get("targetServiceRevision"), "arn"));
        }
        ObjectNode out = Json.object();
        out.set("serviceDeployments", briefs);
        if (page.has("nextToken")) {
            out.set("nextToken", page.get("nextToken"));
        }
        return out;
    }

    static JsonNode stop(Ecs ecs, ObjectNode input) {
        String arn = Json.text(input, "serviceDeploymentArn");
        ObjectNode record = arn == null ? null : ecs.state().serviceDeployments.get(arn);
        if (record == null) {
            throw new AwsException("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
        }
        String stopType = Json.text(input, "stopType", "ROLLBACK");
        if (!stopType.equals("ROLLBACK") && !stopType.equals("ABORT")) {
            throw AwsException.invalidParameter("stopType must be ROLLBACK or ABORT.");
        }
        if (!"IN_PROGRESS".equals(Json.text(record, "status"))) {
            throw new AwsException("ConflictException", "The service deployment is not in progress and cannot be stopped.");
        }
        EcsState.Service service = ecs.state().services.get(Json.text(record, "serviceArn"));
        EcsState.Deployment primary = service.deployments.get(0);
        if (!arn.equals(primary.serviceDeploymentArn) || service.lastCompleted == null) {
            throw new AwsException("ConflictException", "There is no previous service revision to roll back to.");
        }
        primary.rolloutState = "FAILED";
        primary.rolloutStateReason = "Service deployment stopped by user.";
        Scheduler.rollBack(ecs, service, primary, "Service deployment rolled back because it was stopped by the user.");
        return Json.object().put("serviceDeploymentArn", arn);
    }

    static JsonNode describeRevisions(Ecs ecs, ObjectNode input) {
        List<String> arns = Json.strings(input, "serviceRevisionArns");
        if (arns.isEmpty()) {
            throw AwsException.invalidParameter("serviceRevisionArns can not be empty.");
        }
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String arn : arns) {
            ObjectNode revision = ecs.state().serviceRevisions.get(arn);
            if (revision == null) {
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                found.add(revision.deepCopy());
            }
        }
        ObjectNode out = Json.object();
        out.set("serviceRevisions", found);
        out.set("failures", failures);
        return out;
    }
}
