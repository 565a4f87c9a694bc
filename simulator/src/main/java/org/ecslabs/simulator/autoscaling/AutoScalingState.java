package org.ecslabs.simulator.autoscaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** One sandbox's scalable targets, policies, scheduled actions and activities. Times are epoch milliseconds. */
public class AutoScalingState {
    public List<ScalableTarget> targets = new ArrayList<>();
    public List<ScalingPolicy> policies = new ArrayList<>();
    public List<ScheduledAction> scheduledActions = new ArrayList<>();
    /** Oldest first. */
    public List<ScalingActivity> activities = new ArrayList<>();
    /** Tags by scalable target ARN. */
    public TreeMap<String, TreeMap<String, String>> tags = new TreeMap<>();
    /** The last minute (epoch minutes) whose scheduled actions were considered. */
    public Long lastMinute;

    public static class ScalableTarget {
        public String serviceNamespace;
        public String resourceId;
        public String scalableDimension;
        public int minCapacity;
        public int maxCapacity;
        public String roleArn;
        public String arn;
        public long creationTime;
        public boolean dynamicScalingInSuspended;
        public boolean dynamicScalingOutSuspended;
        public boolean scheduledScalingSuspended;

        boolean is(String namespace, String resource, String dimension) {
            return serviceNamespace.equals(namespace) && resourceId.equals(resource) && scalableDimension.equals(dimension);
        }
    }

    public static class ScalingPolicy {
        public String arn;
        public String policyName;
        public String serviceNamespace;
        public String resourceId;
        public String scalableDimension;
        public String policyType;
        /** The policy's configuration exactly as given (StepScaling... or TargetTracking...PolicyConfiguration). */
        public ObjectNode configuration;
        /** Target tracking: the alarms the policy owns. */
        public String alarmHigh;
        public String alarmLow;
        public long creationTime;
        public Long lastScaleOut;
        public Long lastScaleIn;
    }

    public static class ScheduledAction {
        public String name;
        public String arn;
        public String serviceNamespace;
        public String resourceId;
        public String scalableDimension;
        public String schedule;
        public String timezone;
        public Long startTime;
        public Long endTime;
        public Integer minCapacity;
        public Integer maxCapacity;
        public long creationTime;
    }

    public static class ScalingActivity {
        public String activityId;
        public String serviceNamespace;
        public String resourceId;
        public String scalableDimension;
        public String description;
        public String cause;
        public long startTime;
        public long endTime;
        public String statusCode;
        public String statusMessage;
        /** A not scaled activity's reason code (AlreadyAtMaxCapacity, ...); null for a scaling activity. */
        public String notScaledCode;
        public Integer notScaledMinCapacity;
        public Integer notScaledMaxCapacity;
        public Integer notScaledCurrentCapacity;
    }
}
