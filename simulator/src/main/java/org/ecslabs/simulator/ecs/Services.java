package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** Service operations. The scheduler ({@link Scheduler}) does the work on the clock. */
final class Services {
    private Services() {
    }

    static JsonNode create(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String name = Json.text(input, "serviceName");
        if (name == null || name.isBlank()) {
            throw AwsException.invalidParameter("Service name can not be blank.");
        }
        if (!name.matches("[a-zA-Z0-9_-]{1,255}")) {
            throw AwsException.invalidParameter("Service name can have up to 255 characters. Valid characters are letters "
                    + "(uppercase and lowercase), numbers, hyphens, and underscores.");
        }
        String arn = ecs.serviceArn(cluster, name);
        EcsState.Service existing = ecs.state().services.get(arn);
        if (existing != null && !"INACTIVE".equals(existing.status)) {
            throw AwsException.invalidParameter("Creation of service was not idempotent.");
        }
        String controller = input.has("deploymentController")
                ? Json.text(input.get("deploymentController"), "type", "ECS") : "ECS";
        if (!List.of("ECS", "CODE_DEPLOY", "EXTERNAL").contains(controller)) {
            throw AwsException.invalidParameter("Invalid deployment controller type: " + controller + ".");
        }
        String strategyName = Json.text(input, "schedulingStrategy", "REPLICA");
        if (!strategyName.equals("REPLICA") && !strategyName.equals("DAEMON")) {
            throw AwsException.invalidParameter("1 validation error detected: Value '" + strategyName
                    + "' at 'schedulingStrategy' failed to satisfy constraint: Member must satisfy enum value set: [REPLICA, DAEMON]");
        }
        boolean daemon = strategyName.equals("DAEMON");
        EcsState.TaskDef def = ecs.taskDefinitionToRun(Json.text(input, "taskDefinition"));
        TaskLauncher.Capacity capacity = TaskLauncher.resolveCapacity(ecs, cluster, def, Json.text(input, "launchType"),
                input.get("capacityProviderStrategy"));
        Integer desired = Json.integer(input, "desiredCount");
        if (daemon) {
            if ("FARGATE".equals(capacity.launchType()) || capacity.strategy() != null) {
                throw AwsException.invalidParameter("The DAEMON scheduling strategy is not supported with the FARGATE "
                        + "launch type or with capacity provider strategies.");
            }
            if (!Placement.iterable(input.get("placementStrategy")).isEmpty()) {
                throw AwsException.invalidParameter("Placement strategies are not supported with the DAEMON scheduling strategy.");
            }
            if (!"ECS".equals(controller)) {
                throw AwsException.invalidParameter("The DAEMON scheduling strategy is supported only with the ECS deployment controller.");
            }
        } else if (desired != null && (desired < 0 || desired > 5000)) {
            throw AwsException.invalidParameter("desiredCount must be between 0 and 5000.");
        }
        JsonNode network = TaskLauncher.checkNetwork(ecs, def, input.get("networkConfiguration"));
        Placement.checkRequest(input.get("placementConstraints"), input.get("placementStrategy"));
        checkLoadBalancers(def, input.get("loadBalancers"));
        LoadBalancing.checkTargetGroups(ecs, def, input.get("loadBalancers"));
        if (input.hasNonNull("healthCheckGracePeriodSeconds") && Placement.iterable(input.get("loadBalancers")).isEmpty()) {
            throw AwsException.invalidParameter(
                    "Health check grace period is only valid for services configured to use load balancers");
        }

        EcsState.Service service = new EcsState.Service();
        service.serviceArn = arn;
        service.serviceName = name;
        service.clusterArn = cluster.clusterArn;
        service.status = "ACTIVE";
        service.schedulingStrategy = strategyName;
        service.desiredCount = daemon ? 0 : desired == null ? 0 : desired;
        service.taskDefinition = def.taskDefinitionArn;
        service.launchType = capacity.launchType();
        service.capacityProviderStrategy = capacity.strategy() == null ? null : capacity.strategy().deepCopy();
        service.platformVersion = "FARGATE".equals(capacity.launchType()) || capacity.strategy() != null
                && CapacityProviders.FARGATE_PROVIDERS.contains(Json.text(capacity.strategy().get(0), "capacityProvider"))
                ? Json.text(input, "platformVersion", "LATEST") : null;
        service.platformFamily = service.platformVersion == null ? null : "Linux";
        service.deploymentConfiguration = deploymentConfiguration(input.get("deploymentConfiguration"), daemon, null);
        service.loadBalancers = input.has("loadBalancers") ? input.get("loadBalancers").deepCopy() : Json.array();
        service.serviceRegistries = input.has("serviceRegistries") ? input.get("serviceRegistries").deepCopy() : Json.array();
        service.placementConstraints = input.has("placementConstraints") ? input.get("placementConstraints").deepCopy() : Json.array();
        service.placementStrategy = input.has("placementStrategy") ? input.get("placementStrategy").deepCopy() : Json.array();
        service.networkConfiguration = network;
        service.healthCheckGracePeriodSeconds = Json.integer(input, "healthCheckGracePeriodSeconds");
        if (service.healthCheckGracePeriodSeconds == null && !service.loadBalancers.isEmpty()) {
            service.healthCheckGracePeriodSeconds = 0;
        }
        service.deploymentController = Json.object().put("type", controller);
        service.roleArn = Json.text(input, "role");
        service.createdAt = ecs.now();
        service.createdBy = "arn:aws:iam::" + ecs.sandbox().accountId() + ":root";
        service.enableECSManagedTags = Json.bool(input, "enableECSManagedTags");
        service.propagateTags = Json.text(input, "propagateTags", "NONE");
        service.enableExecuteCommand = Json.bool(input, "enableExecuteCommand");
        service.availabilityZoneRebalancing = Json.text(input, "availabilityZoneRebalancing", "DISABLED");
        service.serviceConnectConfiguration = Json.copy(input.get("serviceConnectConfiguration"));
        EcsState.Deployment deployment = newDeployment(ecs, service);
        service.deployments.add(deployment);
        if (BlueGreen.enabled(service)) {
            deployment.targetGroupArn = BlueGreen.productionTargetGroup(service);
        }
        ServiceDeployments.record(ecs, service, deployment, List.of());
        ecs.state().tags.remove(arn);
        ecs.putTags(arn, input.get("tags"));
        ecs.state().services.put(arn, service);
        TaskSets.createInitial(ecs, service);
        if (daemon) {
            Scheduler.refreshDaemonCount(ecs, service);
        }
        return Json.object().set("service", json(ecs, service, true));
    }

    static void checkLoadBalancers(EcsState.TaskDef def, JsonNode loadBalancers) {
        for (JsonNode lb : Placement.iterable(loadBalancers)) {
            String container = Json.text(lb, "containerName");
            Integer port = Json.integer(lb, "containerPort");
            if (Json.text(lb, "targetGroupArn") == null && Json.text(lb, "loadBalancerName") == null) {
                throw AwsException.invalidParameter("Either targetGroupArn or loadBalancerName must be specified.");
            }
            JsonNode definition = null;
            for (JsonNode candidate : Json.list(def.body, "containerDefinitions")) {
                if (Json.text(candidate, "name").equals(container)) {
                    definition = candidate;
                }
            }
            if (definition == null) {
                throw AwsException.invalidParameter("The container " + container + " does not exist in the task definition.");
            }
            boolean hasPort = Json.list(definition, "portMappings").stream()
                    .anyMatch(m -> port != null && port.equals(Json.integer(m, "containerPort")));
            if (!hasPort) {
                throw AwsException.invalidParameter("The container " + container + " did not have a container port "
                        + port + " defined.");
            }
        }
    }

    /** The deployment configuration with ECS's defaults: 200/100 for replica services, 100/0 for daemons. */
    static ObjectNode deploymentConfiguration(JsonNode requested, boolean daemon, ObjectNode current) {
        ObjectNode config = current != null ? current.deepCopy() : Json.object();
        if (requested != null && requested.isObject()) {
            requested.fields().forEachRemaining(f -> config.set(f.getKey(), f.getValue().deepCopy()));
        }
        if (!config.has("maximumPercent")) {
            config.put("maximumPercent", daemon ? 100 : 200);
        }
        if (!config.has("minimumHealthyPercent")) {
            config.put("minimumHealthyPercent", daemon ? 0 : 100);
        }
        if (!config.has("deploymentCircuitBreaker")) {
            config.putObject("deploymentCircuitBreaker").put("enable", false).put("rollback", false);
        }
        int max = config.get("maximumPercent").asInt();
        int min = config.get("minimumHealthyPercent").asInt();
        if (min < 0 || min > 100) {
            throw AwsException.invalidParameter("minimumHealthyPercent must be between 0 and 100.");
        }
        if (max < 100 && !daemon) {
            throw AwsException.invalidParameter("maximumPercent must be greater than or equal to 100.");
        }
        if (max > 2000) {
            throw AwsException.invalidParameter("maximumPercent must be less than or equal to 2000.");
        }
        if (!config.has("strategy")) {
            config.put("strategy", "ROLLING");
        }
        String strategy = Json.text(config, "strategy");
        if (!List.of("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY").contains(strategy)) {
            throw AwsException.invalidParameter("1 validation error detected: Value '" + strategy
                    + "' at 'deploymentConfiguration.strategy' failed to satisfy constraint: Member must satisfy enum "
                    + "value set: [ROLLING, BLUE_GREEN, LINEAR, CANARY]");
        }
        // A configuration kept from an earlier strategy goes when the strategy changes without it.
        for (String[] pair : new String[][] {{"LINEAR", "linearConfiguration"}, {"CANARY", "canaryConfiguration"}}) {
            if (!pair[0].equals(strategy) && (requested == null || !requested.has(pair[1]))) {
                config.remove(pair[1]);
            }
        }
        checkShiftConfiguration(config, strategy, "LINEAR", "linearConfiguration", "stepPercent", 3.0,
                "stepBakeTimeInMinutes");
        checkShiftConfiguration(config, strategy, "CANARY", "canaryConfiguration", "canaryPercent", 0.1,
                "canaryBakeTimeInMinutes");
        if (config.has("bakeTimeInMinutes")) {
            int bake = config.get("bakeTimeInMinutes").asInt(-1);
            if (bake < 0 || bake > 1440) {
                throw AwsException.invalidParameter("bakeTimeInMinutes must be between 0 and 1440.");
            }
        }
        if (List.of("BLUE_GREEN", "LINEAR", "CANARY").contains(strategy) && daemon) {
            throw AwsException.invalidParameter("The " + strategy
                    + " deployment strategy is not supported with the DAEMON scheduling strategy.");
        }
        return config;
    }

    /**
     * LINEAR needs linearConfiguration and CANARY canaryConfiguration, each only with its own
     * strategy; the percent is a multiple of 0.1 up to 100, the bake time 0 to 1440 minutes.
     */
    private static void checkShiftConfiguration(JsonNode config, String strategy, String owner, String field,
                                                String percentField, double minPercent, String bakeField) {
        JsonNode shift = config.get(field);
        boolean present = shift != null && !shift.isNull();
        if (!owner.equals(strategy)) {
            if (present) {
                throw AwsException.invalidParameter(field + " can only be specified when the deployment strategy is "
                        + owner + ".");
            }
            return;
        }
        if (!present) {
            throw AwsException.invalidParameter(field + " must be specified when the deployment strategy is " + owner + ".");
        }
        if (shift.has(percentField)) {
            double percent = shift.get(percentField).asDouble(-1);
            boolean tenths = Math.abs(percent * 10 - Math.round(percent * 10)) < 1e-6;
            if (percent < minPercent - 1e-9 || percent > 100.0 || !tenths) {
                throw AwsException.invalidParameter(field + "." + percentField + " must be a multiple of 0.1 between "
                        + minPercent + " and 100.0.");
            }
        }
        if (shift.has(bakeField)) {
            int bake = shift.get(bakeField).asInt(-1);
            if (bake < 0 || bake > 1440) {
                throw AwsException.invalidParameter(field + "." + bakeField + " must be between 0 and 1440.");
            }
        }
    }

    static EcsState.Deployment newDeployment(Ecs ecs, EcsState.Service service) {
        EcsState.Deployment deployment = new EcsState.Deployment();
        deployment.id = "ecs-svc/" + Json.digits(ecs.newId(), 19);
        deployment.status = "PRIMARY";
        deployment.taskDefinition = service.taskDefinition;
        deployment.desiredCount = service.desiredCount;
        deployment.createdAt = ecs.now();
        deployment.updatedAt = ecs.now();
        deployment.launchType = service.launchType;
        deployment.capacityProviderStrategy = Json.copy(service.capacityProviderStrategy);
        deployment.platformVersion = service.platformVersion;
        deployment.platformFamily = service.platformFamily;
        deployment.networkConfiguration = Json.copy(service.networkConfiguration);
        deployment.rolloutState = "IN_PROGRESS";
        deployment.rolloutStateReason = "ECS deployment " + deployment.id + " in progress.";
        return deployment;
    }

    static JsonNode update(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.text(input, "service"));
        if (!"ACTIVE".equals(service.status)) {
            throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        boolean daemon = "DAEMON".equals(service.schedulingStrategy);
        String controller = Json.text(service.deploymentController, "type", "ECS");
        boolean redeploy = Json.bool(input, "forceNewDeployment");
        String taskDefinition = Json.text(input, "taskDefinition");
        EcsState.TaskDef def = ecs.taskDefinitionToRun(taskDefinition != null ? taskDefinition : service.taskDefinition);
        if (taskDefinition != null && !"ECS".equals(controller)) {
            if ("CODE_DEPLOY".equals(controller)) {
                throw AwsException.invalidParameter("Unable to update task definition on services with a CODE_DEPLOY "
                        + "deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
            }
            throw AwsException.invalidParameter("Unable to update task definition on services with an EXTERNAL "
                    + "deployment controller. Use task sets to update the service.");
        }
        Integer desired = Json.integer(input, "desiredCount");
        if (desired != null && (desired < 0 || desired > 5000)) {
            throw AwsException.invalidParameter("desiredCount must be between 0 and 5000.");
        }
        if (desired != null && daemon) {
            throw AwsException.invalidParameter("The DAEMON scheduling strategy does not support a desired count for services.");
        }
        String launchType = service.launchType;
        JsonNode strategy = service.capacityProviderStrategy;
        if (input.has("capacityProviderStrategy")) {
            JsonNode requested = input.get("capacityProviderStrategy");
            boolean different = !requested.equals(service.capacityProviderStrategy)
                    && !(requested.isEmpty() && service.capacityProviderStrategy == null);
            if (different && !Json.bool(input, "forceNewDeployment")) {
                throw AwsException.invalidParameter("When switching from launch type to capacity provider strategy on an "
                        + "existing service, or making a change to a capacity provider strategy on a service that is "
                        + "already using one, you must force a new deployment.");
            }
            if (requested.isEmpty()) {
                TaskLauncher.Capacity capacity = TaskLauncher.resolveCapacity(ecs, cluster, def, null, null);
                launchType = capacity.launchType();
                strategy = capacity.strategy();
            } else {
                TaskLauncher.Capacity capacity = TaskLauncher.resolveCapacity(ecs, cluster, def, null, requested);
                launchType = null;
                strategy = capacity.strategy();
            }
            redeploy |= !requested.equals(service.capacityProviderStrategy);
        } else if (taskDefinition != null) {
            TaskLauncher.resolveCapacity(ecs, cluster, def, launchType, strategy);
        }
        JsonNode network = service.networkConfiguration;
        if (input.has("networkConfiguration")) {
            network = TaskLauncher.checkNetwork(ecs, def, input.get("networkConfiguration"));
            redeploy |= network != null && !network.equals(service.networkConfiguration);
        } else if (taskDefinition != null) {
            network = TaskLauncher.checkNetwork(ecs, def, service.networkConfiguration);
        }
        if (input.has("placementConstraints") || input.has("placementStrategy")) {
            Placement.checkRequest(input.get("placementConstraints"), input.get("placementStrategy"));
        }
        if (input.has("loadBalancers")) {
            checkLoadBalancers(def, input.get("loadBalancers"));
            LoadBalancing.checkTargetGroups(ecs, def, input.get("loadBalancers"));
            redeploy = true;
        } else if (taskDefinition != null) {
            checkLoadBalancers(def, service.loadBalancers);
        }
        ObjectNode config = input.has("deploymentConfiguration")
                ? deploymentConfiguration(input.get("deploymentConfiguration"), daemon, service.deploymentConfiguration)
                : service.deploymentConfiguration;

        // Everything checked: apply.
        service.deploymentConfiguration = config;
        if (desired != null) {
            service.desiredCount = desired;
        }
        if (taskDefinition != null && !def.taskDefinitionArn.equals(service.taskDefinition)) {
            redeploy = true;
        }
        service.taskDefinition = def.taskDefinitionArn;
        service.launchType = launchType;
        service.capacityProviderStrategy = Json.copy(strategy);
        service.networkConfiguration = Json.copy(network);
        if (input.has("platformVersion")) {
            redeploy |= !Json.text(input, "platformVersion").equals(service.platformVersion);
            service.platformVersion = Json.text(input, "platformVersion");
        }
        if (input.has("placementConstraints")) {
            service.placementConstraints = input.get("placementConstraints").deepCopy();
        }
        if (input.has("placementStrategy")) {
            service.placementStrategy = input.get("placementStrategy").deepCopy();
        }
        if (input.has("loadBalancers")) {
            service.loadBalancers = input.get("loadBalancers").deepCopy();
        }
        if (input.has("serviceRegistries")) {
            service.serviceRegistries = input.get("serviceRegistries").deepCopy();
        }
        if (input.has("healthCheckGracePeriodSeconds")) {
            service.healthCheckGracePeriodSeconds = Json.integer(input, "healthCheckGracePeriodSeconds");
        }
        if (input.has("enableExecuteCommand")) {
            service.enableExecuteCommand = Json.bool(input, "enableExecuteCommand");
        }
        if (input.has("enableECSManagedTags")) {
            service.enableECSManagedTags = Json.bool(input, "enableECSManagedTags");
        }
        if (input.has("propagateTags")) {
            service.propagateTags = Json.text(input, "propagateTags");
        }
        if (input.has("availabilityZoneRebalancing")) {
            service.availabilityZoneRebalancing = Json.text(input, "availabilityZoneRebalancing");
        }
        if (input.has("serviceConnectConfiguration")) {
            service.serviceConnectConfiguration = input.get("serviceConnectConfiguration").deepCopy();
            redeploy = true;
        }
        if (redeploy && "ECS".equals(controller)) {
            List<EcsState.Deployment> sources = new ArrayList<>(service.deployments);
            for (EcsState.Deployment old : service.deployments) {
                if ("PRIMARY".equals(old.status)) {
                    old.status = "ACTIVE";
                    old.updatedAt = ecs.now();
                    if ("IN_PROGRESS".equals(old.rolloutState)) {
                        ServiceDeployments.finish(ecs, old, "STOPPED", "Superseded by a newer service deployment.");
                    }
                }
            }
            String production = BlueGreen.productionTargetGroup(service);
            EcsState.Deployment deployment = newDeployment(ecs, service);
            service.deployments.add(0, deployment);
            service.launchThrottledUntil = null;
            ServiceDeployments.record(ecs, service, deployment, sources);
            if (BlueGreen.enabled(service)) {
                BlueGreen.begin(ecs, service, deployment, production);
            }
            service.steady = false;
        } else {
            service.deployments.get(0).desiredCount = service.desiredCount;
            service.deployments.get(0).updatedAt = ecs.now();
            if (desired != null) {
                service.steady = false;
            }
        }
        if (daemon) {
            Scheduler.refreshDaemonCount(ecs, service);
        }
        return Json.object().set("service", json(ecs, service, false));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.text(input, "service"));
        if ("INACTIVE".equals(service.status)) {
            throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        boolean force = Json.bool(input, "force");
        if (!force && "REPLICA".equals(service.schedulingStrategy) && service.desiredCount > 0) {
            throw AwsException.invalidParameter("The service cannot be stopped while it is scaled above 0.");
        }
        service.status = "DRAINING";
        service.desiredCount = 0;
        for (EcsState.Deployment deployment : service.deployments) {
            deployment.desiredCount = 0;
        }
        return Json.object().set("service", json(ecs, service, false));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<String> names = Json.strings(input, "services");
        if (names.isEmpty()) {
            throw AwsException.invalidParameter("Services cannot be empty.");
        }
        if (names.size() > 10) {
            throw AwsException.invalidParameter("services can have at most 10 items.");
        }
        boolean tags = Json.strings(input, "include").contains("TAGS");
        ArrayNode services = Json.array();
        ArrayNode failures = Json.array();
        for (String name : names) {
            EcsState.Service service = ecs.state().services.get(ecs.serviceArn(cluster, name));
            if (service == null) {
                failures.addObject().put("arn", ecs.serviceArn(cluster, name)).put("reason", "MISSING");
            } else {
                services.add(json(ecs, service, tags));
            }
        }
        ObjectNode out = Json.object();
        out.set("services", services);
        out.set("failures", failures);
        return out;
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String launchType = Json.text(input, "launchType");
        String scheduling = Json.text(input, "schedulingStrategy");
        List<String> arns = ecs.state().services.values().stream()
                .filter(s -> s.clusterArn.equals(cluster.clusterArn) && !"INACTIVE".equals(s.status))
                .filter(s -> launchType == null || launchType.equals(s.launchType))
                .filter(s -> scheduling == null || scheduling.equals(s.schedulingStrategy))
                .map(s -> s.serviceArn)
                .toList();
        return Pages.of(input, arns, "serviceArns", 10);
    }

    static JsonNode listByNamespace(Ecs ecs, ObjectNode input) {
        String namespace = Json.text(input, "namespace");
        if (namespace == null) {
            throw AwsException.invalidParameter("namespace can not be blank.");
        }
        String wanted = Json.lastSegment(namespace);
        List<String> arns = ecs.state().services.values().stream()
                .filter(s -> !"INACTIVE".equals(s.status) && s.serviceConnectConfiguration != null)
                .filter(s -> {
                    String own = Json.text(s.serviceConnectConfiguration, "namespace");
                    if (own == null) {
                        EcsState.Cluster cluster = ecs.state().clusters.get(Json.lastSegment(s.clusterArn));
                        own = cluster == null ? null : Json.text(cluster.serviceConnectDefaults, "namespace");
                    }
                    return own != null && Json.lastSegment(own).equals(wanted);
                })
                .map(s -> s.serviceArn)
                .toList();
        return Pages.of(input, arns, "serviceArns", 10);
    }

    static ObjectNode json(Ecs ecs, EcsState.Service service, boolean tags) {
        ObjectNode node = Json.view(service, EcsState.Service.INTERNAL);
        List<EcsState.Task> tasks = Scheduler.serviceTasks(ecs, service);
        node.put("runningCount", tasks.stream().filter(EcsState.Task::running).count());
        node.put("pendingCount", tasks.stream().filter(EcsState.Task::pending).count());
        ArrayNode deployments = node.putArray("deployments");
        ArrayNode revisions = Json.array();
        for (EcsState.Deployment deployment : service.deployments) {
            ObjectNode d = Json.view(deployment, EcsState.Deployment.INTERNAL);
            long running = tasks.stream().filter(t -> deployment.id.equals(t.deploymentId) && t.running()).count();
            long pending = tasks.stream().filter(t -> deployment.id.equals(t.deploymentId) && t.pending()).count();
            d.put("runningCount", running);
            d.put("pendingCount", pending);
            deployments.add(d);
            if (deployment.serviceRevisionArn != null) {
                revisions.addObject().put("arn", deployment.serviceRevisionArn).put("requestedTaskCount", deployment.desiredCount)
                        .put("runningTaskCount", running).put("pendingTaskCount", pending);
            }
        }
        node.set("currentServiceRevisions", revisions);
        ArrayNode events = node.putArray("events");
        for (EcsState.ServiceEvent event : service.events) {
            events.add(Json.view(event));
        }
        if (TaskSets.controls(service)) {
            // Task set services have no ECS deployments to show.
            node.putArray("deployments");
        }
        node.set("taskSets", TaskSets.json(ecs, service));
        if (tags) {
            node.set("tags", ecs.tagsJson(service.serviceArn));
        }
        return node;
    }
}
