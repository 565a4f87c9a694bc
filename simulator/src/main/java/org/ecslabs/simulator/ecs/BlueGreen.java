package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ECS's native blue/green deployments (deploymentConfiguration.strategy BLUE_GREEN, LINEAR or
 * CANARY): the new revision (green) scales up in full beside the old one (blue), its tasks join the
 * alternate target group, production traffic moves to it (at once, in equal steps, or a canary share
 * then the rest), both run for bakeTimeInMinutes, then blue is stopped. The stages are those of
 * ServiceDeployment.lifecycleStage.
 */
final class BlueGreen {
    static final String SCALE_UP = "SCALE_UP";
    static final String TRAFFIC_SHIFT = "PRODUCTION_TRAFFIC_SHIFT";
    static final String BAKE_TIME = "BAKE_TIME";
    static final String CLEAN_UP = "CLEAN_UP";

    private BlueGreen() {
    }

    static boolean enabled(EcsState.Service service) {
        String strategy = Json.text(service.deploymentConfiguration, "strategy");
        return "BLUE_GREEN".equals(strategy) || gradual(service);
    }

    /** LINEAR and CANARY: blue/green whose production traffic shifts over time rather than at once. */
    static boolean gradual(EcsState.Service service) {
        String strategy = Json.text(service.deploymentConfiguration, "strategy");
        return "LINEAR".equals(strategy) || "CANARY".equals(strategy);
    }

    /**
     * The share of production traffic (0 to 100) green receives at this moment of its
     * PRODUCTION_TRAFFIC_SHIFT stage: LINEAR adds stepPercent at the start of each
     * stepBakeTimeInMinutes, CANARY sends canaryPercent for canaryBakeTimeInMinutes, then the rest.
     */
    static double shiftedPercent(Ecs ecs, EcsState.Service service, EcsState.Deployment green) {
        double elapsed = ecs.now() - green.stageStartedAt;
        JsonNode config = service.deploymentConfiguration;
        if ("LINEAR".equals(Json.text(config, "strategy"))) {
            JsonNode linear = config.path("linearConfiguration");
            double step = linear.path("stepPercent").asDouble(10.0);
            int bake = linear.path("stepBakeTimeInMinutes").asInt(6);
            double steps = bake == 0 ? Double.MAX_VALUE : 1 + Math.floor(elapsed / (bake * 60.0) + 1e-9);
            return Math.min(100.0, step * steps);
        }
        JsonNode canary = config.path("canaryConfiguration");
        int bake = canary.path("canaryBakeTimeInMinutes").asInt(10);
        return elapsed >= bake * 60.0 - 1e-9 ? 100.0 : canary.path("canaryPercent").asDouble(5.0);
    }

    /** When the traffic shift next moves (the start of the next step, or the canary's end); null if not shifting. */
    static Double nextShiftAt(Ecs ecs, EcsState.Service service) {
        if (service.deployments.isEmpty() || !TRAFFIC_SHIFT.equals(service.deployments.get(0).blueGreenStage)) {
            return null;
        }
        EcsState.Deployment green = service.deployments.get(0);
        JsonNode config = service.deploymentConfiguration;
        boolean linear = "LINEAR".equals(Json.text(config, "strategy"));
        int bake = linear ? config.path("linearConfiguration").path("stepBakeTimeInMinutes").asInt(6)
                : config.path("canaryConfiguration").path("canaryBakeTimeInMinutes").asInt(10);
        if (bake == 0) {
            return null;
        }
        double period = bake * 60.0;
        double elapsed = ecs.now() - green.stageStartedAt;
        return linear ? green.stageStartedAt + period * (Math.floor(elapsed / period + 1e-9) + 1)
                : green.stageStartedAt + period;
    }

    /** The target group production traffic reaches now: the first load balancer's, swapped by every blue/green deployment. */
    static String productionTargetGroup(EcsState.Service service) {
        for (EcsState.Deployment deployment : service.deployments) {
            if (deployment.targetGroupArn != null && deployment.blueGreenStage == null) {
                return deployment.targetGroupArn;
            }
        }
        JsonNode first = Placement.iterable(service.loadBalancers).stream().findFirst().orElse(null);
        return first == null ? null : Json.text(first, "targetGroupArn");
    }

    /** Sets a new deployment on its way: green gets the target group that is not production. */
    static void begin(Ecs ecs, EcsState.Service service, EcsState.Deployment green, String production) {
        green.blueGreenStage = SCALE_UP;
        green.stageStartedAt = ecs.now();
        JsonNode first = Placement.iterable(service.loadBalancers).stream().findFirst().orElse(null);
        if (first != null) {
            String main = Json.text(first, "targetGroupArn");
            String alternate = Json.text(first.path("advancedConfiguration"), "alternateTargetGroupArn");
            green.targetGroupArn = alternate != null && main != null && main.equals(production) ? alternate : main;
        }
        stage(ecs, green, SCALE_UP);
    }

    /**
     * Moves a blue/green deployment on; returns false when the deployment is not (or no longer) one,
     * so the rolling scheduler takes over (a first deployment, or a rollback to a running blue).
     */
    static boolean schedule(Ecs ecs, EcsState.Service service, EcsState.Deployment green, Scheduler.Starter starter,
                            Scheduler.Stopper stopper) {
        if (green.blueGreenStage == null || service.deployments.size() < 2 || !"IN_PROGRESS".equals(green.rolloutState)) {
            return false;
        }
        List<EcsState.Task> tasks = Scheduler.serviceTasks(ecs, service);
        List<EcsState.Task> greenTasks = tasks.stream().filter(t -> green.id.equals(t.deploymentId) && t.wantedRunning()).toList();
        List<EcsState.Task> blueTasks = tasks.stream().filter(t -> !green.id.equals(t.deploymentId) && t.wantedRunning()).toList();
        switch (green.blueGreenStage) {
            case SCALE_UP -> {
                stopper.stop(blueTasks.stream().filter(t -> !t.running()).toList());
                if (greenTasks.size() < service.desiredCount) {
                    starter.start(green, service.desiredCount - greenTasks.size());
                }
                long running = greenTasks.stream().filter(ContainerHealth::healthy).count();
                if (running >= service.desiredCount && gradual(service)) {
                    // Test traffic moves to green at once; production traffic in steps, from now on.
                    stage(ecs, green, TRAFFIC_SHIFT);
                    Scheduler.event(ecs, service, "(service " + service.serviceName + ") (deployment " + green.id
                            + ") production traffic shifting to the green service revision.");
                } else if (running >= service.desiredCount) {
                    // Test and production traffic move to green's target group at once.
                    stage(ecs, green, BAKE_TIME);
                    Scheduler.event(ecs, service, "(service " + service.serviceName + ") (deployment " + green.id
                            + ") production traffic shifted to the green service revision.");
                }
            }
            case TRAFFIC_SHIFT -> {
                if (shiftedPercent(ecs, service, green) >= 100.0) {
                    stage(ecs, green, BAKE_TIME);
                    Scheduler.event(ecs, service, "(service " + service.serviceName + ") (deployment " + green.id
                            + ") production traffic shifted to the green service revision.");
                }
            }
            case BAKE_TIME -> {
                int bake = service.deploymentConfiguration.path("bakeTimeInMinutes").asInt(0);
                if (ecs.now() - green.stageStartedAt >= bake * 60.0) {
                    stage(ecs, green, CLEAN_UP);
                }
            }
            case CLEAN_UP -> {
                stopper.stop(blueTasks);
                if (blueTasks.isEmpty()) {
                    // Done: from now on this deployment is an ordinary PRIMARY that completes as usual.
                    green.blueGreenStage = null;
                }
            }
            default -> green.blueGreenStage = null;
        }
        return true;
    }

    private static void stage(Ecs ecs, EcsState.Deployment deployment, String stage) {
        deployment.blueGreenStage = stage;
        deployment.stageStartedAt = ecs.now();
        deployment.updatedAt = ecs.now();
        ObjectNode record = ServiceDeployments.of(ecs, deployment);
        if (record != null) {
            record.put("lifecycleStage", stage);
            record.put("updatedAt", ecs.now());
        }
    }
}
