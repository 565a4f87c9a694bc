package org.ecslabs.simulator.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox's EventBridge rules on the default event bus, with their targets. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class EventsState {
    public Map<String, Rule> rules = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Rule {
        public String name;
        public String arn;
        public String scheduleExpression;
        public String eventPattern;
        public String state = "ENABLED";
        public String description;
        public String roleArn;
        public long createdAt;
        /** Simulated epoch second of the next scheduled invocation, or null. */
        public Long nextFireAt;
        /** Targets as PutTargets sent them, by Id. */
        public Map<String, JsonNode> targets = new LinkedHashMap<>();
        /** The last invocations' outcomes (newest last), for a student to see what the rule did. */
        public List<String> invocations = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
    }
}
