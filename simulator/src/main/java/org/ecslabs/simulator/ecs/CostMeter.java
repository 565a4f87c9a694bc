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

    static boolean accrue(Ecs ecs) {
        EcsState.CostMeter meter = ecs.state().cost;
        double now = ecs.now();
        if (meter.lastAccruedAt == null) {
            meter.lastAccruedAt = now;
            return true;
        }
        double hours = (now - meter.lastAccruedAt) / 3600.0;
        meter.lastAccruedAt = now;
        if (hours <= 0) {
            return false;
        }
        boolean changed = false;
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if (!"FARGATE".equals(task.launchType) || task.pullStartedAt == null || task.billingClosed) {
                continue;
            }
            if (!BILLED.contains(task.lastStatus)) {
                // Its containers have stopped: Fargate bills at least one minute per task.
                task.billingClosed = true;
                double end = task.executionStoppedAt != null ? task.executionStoppedAt : now;
                double shortfall = MINIMUM_SECONDS - (end - task.pullStartedAt);
                if (shortfall > 0) {
                    bill(meter, task, shortfall / 3600.0);
                }
                changed = true;
                continue;
            }
            bill(meter, task, hours);
            changed = true;
        }
        return changed;
    }

    private static void bill(EcsState.CostMeter meter, EcsState.Task task, double hours) {
        EcsState.Usage usage = meter.clusters.computeIfAbsent(Json.lastSegment(task.clusterArn), c -> new EcsState.Usage());
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
        ecs.state().cost.clusters.forEach((name, usage) -> {
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
