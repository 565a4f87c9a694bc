package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Fargate usage on the clock at the published us-east-1 Linux prices (x86, and ARM64 for Graviton
 * tasks); Fargate Spot at 30% of them.
 * As AWS bills, a task accrues from the start of its image pull until its containers have stopped,
 * per second with a one-minute minimum.
 */
final class CostMeter {
    static final double VCPU_HOUR_USD = 0.04048;
    static final double GB_HOUR_USD = 0.004445;
    static final double SPOT_FACTOR = 0.30;
    static final double ARM_VCPU_HOUR_USD = 0.03238;
    static final double ARM_GB_HOUR_USD = 0.00356;
    private static final double MINIMUM_SECONDS = 60;
    private static final List<String> BILLED = List.of("PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING");

    private CostMeter() {
    }

    /**
     * Bills the tasks whose containers have stopped, once each, for their whole run (at least a
     * minute). A running task is not billed tick by tick: {@link #report} adds its usage so far,
     * so that time passing alone changes no stored state.
     */
    static boolean accrue(Ecs ecs) {
        EcsState.CostMeter meter = ecs.state().cost;
        boolean changed = false;
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if (!"FARGATE".equals(task.launchType) || task.pullStartedAt == null || task.billingClosed
                    || BILLED.contains(task.lastStatus)) {
                continue;
            }
            task.billingClosed = true;
            double end = task.executionStoppedAt != null ? task.executionStoppedAt : ecs.now();
            bill(meter.clusters, task, Math.max(MINIMUM_SECONDS, end - task.pullStartedAt) / 3600.0);
            changed = true;
        }
        return changed;
    }

    private static void bill(java.util.Map<String, EcsState.Usage> clusters, EcsState.Task task, double hours) {
        EcsState.Usage usage = clusters.computeIfAbsent(Json.lastSegment(task.clusterArn), c -> new EcsState.Usage());
        double vcpuHours = task.cpuUnits / 1024.0 * hours;
        double gbHours = task.memoryMiB / 1024.0 * hours;
        double cost = task.arm64
                ? vcpuHours * ARM_VCPU_HOUR_USD + gbHours * ARM_GB_HOUR_USD
                : vcpuHours * VCPU_HOUR_USD + gbHours * GB_HOUR_USD;
        if ("FARGATE_SPOT".equals(task.capacityProviderName)) {
            usage.spotVcpuHours += vcpuHours;
            usage.spotGbHours += gbHours;
            cost *= SPOT_FACTOR;
        } else {
            usage.vcpuHours += vcpuHours;
            usage.gbHours += gbHours;
        }
        usage.costUsd += cost;
    }

    static JsonNode report(Ecs ecs) {
        ObjectNode out = Json.object();
        out.put("currency", "USD");
        ObjectNode prices = out.putObject("prices");
        prices.put("fargateVcpuHour", VCPU_HOUR_USD);
        prices.put("fargateGbHour", GB_HOUR_USD);
        prices.put("fargateSpotVcpuHour", round(VCPU_HOUR_USD * SPOT_FACTOR));
        prices.put("fargateSpotGbHour", round(GB_HOUR_USD * SPOT_FACTOR));
        prices.put("fargateArm64VcpuHour", ARM_VCPU_HOUR_USD);
        prices.put("fargateArm64GbHour", ARM_GB_HOUR_USD);
        ArrayNode clusters = out.putArray("clusters");
        EcsState.Usage total = new EcsState.Usage();
        java.util.Map<String, EcsState.Usage> usages = new java.util.TreeMap<>();
        ecs.state().cost.clusters.forEach((name, usage) -> usages.put(name, copy(usage)));
        double now = ecs.now();
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if ("FARGATE".equals(task.launchType) && task.pullStartedAt != null && !task.billingClosed) {
                bill(usages, task, Math.max(0, now - task.pullStartedAt) / 3600.0);
            }
        }
        usages.forEach((name, usage) -> {
            ObjectNode row = clusters.addObject();
            row.put("clusterName", name);
            row.put("clusterArn", ecs.arn("cluster/" + name));
            write(row, usage);
            total.vcpuHours += usage.vcpuHours;
            total.gbHours += usage.gbHours;
            total.spotVcpuHours += usage.spotVcpuHours;
            total.spotGbHours += usage.spotGbHours;
            total.costUsd += usage.costUsd;
        });
        write(out.putObject("total"), total);
        out.put("asOf", ecs.now());
        return out;
    }

    private static EcsState.Usage copy(EcsState.Usage usage) {
        EcsState.Usage copy = new EcsState.Usage();
        copy.vcpuHours = usage.vcpuHours;
        copy.gbHours = usage.gbHours;
        copy.spotVcpuHours = usage.spotVcpuHours;
        copy.spotGbHours = usage.spotGbHours;
        copy.costUsd = usage.costUsd;
        return copy;
    }

    private static void write(ObjectNode row, EcsState.Usage usage) {
        row.put("vcpuHours", round(usage.vcpuHours));
        row.put("gbHours", round(usage.gbHours));
        row.put("spotVcpuHours", round(usage.spotVcpuHours));
        row.put("spotGbHours", round(usage.spotGbHours));
        row.put("costUsd", round(usage.costUsd));
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }
}
