package org.ecslabs.simulator.ecr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The private ECR registry of one account in one region. */
public class EcrState {
    public Map<String, Repository> repositories = new TreeMap<>();

    public static class Repository {
        public String name;
        public long createdMillis;
        public String imageTagMutability = "MUTABLE";
        public boolean scanOnPush;
        public String encryptionType = "AES256";
        public long pushCount;
        /** Images by digest, in push order. */
        public Map<String, Image> images = new LinkedHashMap<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public String lifecyclePolicy;
        public Long lifecycleEvaluatedMillis;

        public Image byTag(String tag) {
            return images.values().stream().filter(i -> i.tags.contains(tag)).findFirst().orElse(null);
        }
    }

    public static class Image {
        public String digest;
        public List<String> tags = new ArrayList<>();
        public long sizeInBytes;
        public long pushedMillis;
        public Long lastPulledMillis;
        /** Null when never scanned; COMPLETE once a scan has run. */
        public String scanStatus;
        public Long scanCompletedMillis;
        public Map<String, Integer> findingSeverityCounts = new LinkedHashMap<>();
    }
}
