package org.ecslabs.simulator.ssm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Parameter Store of one account in one region. */
public class ParameterState {
    public Map<String, Parameter> parameters = new TreeMap<>();

    public static class Parameter {
        public String name;
        public String type;
        public String description;
        public String allowedPattern;
        public String keyId;
        public String tier = "Standard";
        public String dataType = "text";
        public List<Version> versions = new ArrayList<>();
        public Map<String, String> tags = new TreeMap<>();

        public Version current() {
            return versions.get(versions.size() - 1);
        }

        public Version version(long number) {
            return versions.stream().filter(v -> v.version == number).findFirst().orElse(null);
        }
    }

    public static class Version {
        public long version;
        public String value;
        public long modifiedMillis;
    }
}
