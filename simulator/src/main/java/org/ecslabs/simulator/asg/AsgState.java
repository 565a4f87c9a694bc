package org.ecslabs.simulator.asg;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox's EC2 Auto Scaling groups. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class AsgState {
    public Map<String, Group> groups = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Group {
        public String name;
        public String arn;
        public String launchTemplateId;
        public String launchTemplateName;
        public String launchTemplateVersion;
        public int minSize;
        public int maxSize;
        public int desiredCapacity;
        public List<String> subnetIds = new ArrayList<>();
        public List<String> availabilityZones = new ArrayList<>();
        public int defaultCooldown = 300;
        public String healthCheckType = "EC2";
        public int healthCheckGracePeriod;
        public boolean newInstancesProtectedFromScaleIn;
        public long createdAt;
        /** Set by DeleteAutoScalingGroup with ForceDelete while its instances terminate. */
        public boolean deleting;
        public List<Member> instances = new ArrayList<>();
        public List<Activity> activities = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public Map<String, Boolean> propagateAtLaunch = new LinkedHashMap<>();
        /** ECS managed scaling's bookkeeping: when it last evaluated, since when the group is above need. */
        public Long ecsEvaluatedAt;
        public Long ecsScaleInSince;
    }

    /** An instance in a group, with its Auto Scaling lifecycle state (Pending, InService, Terminating). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Member {
        public String instanceId;
        public String instanceType;
        public String availabilityZone;
        public String lifecycleState;
        public boolean protectedFromScaleIn;
        public String launchTemplateVersion;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Activity {
        public String activityId;
        public String description;
        public String cause;
        public long startTime;
        public long endTime;
        public String statusCode = "Successful";
        public int progress = 100;
    }
}
