package org.ecslabs.simulator.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The CloudWatch Logs log groups of one account in one region. */
public class LogsState {
    public Map<String, LogGroup> groups = new TreeMap<>();
    /** Simulated time of the last sweep of expired events (retention runs once a simulated minute). */
    public long lastExpiryMillis;
    /** Ingestion counter, so that event ids are unique and deterministic. */
    public long ingested;

    public static class LogGroup {
        public String name;
        public long creationMillis;
        public Integer retentionInDays;
        public Map<String, String> tags = new TreeMap<>();
        public Map<String, LogStream> streams = new TreeMap<>();
    }

    public static class LogStream {
        public String name;
        public long creationMillis;
        public Long lastIngestionMillis;
        public long sequence;
        /** Kept in timestamp order, as CloudWatch Logs returns them. */
        public List<Event> events = new ArrayList<>();
    }

    public static class Event {
        public long timestamp;
        public String message;
        public long ingestionTime;
        public long id;

        public Event() {
        }

        Event(long timestamp, String message, long ingestionTime, long id) {
            this.timestamp = timestamp;
            this.message = message;
            this.ingestionTime = ingestionTime;
            this.id = id;
        }
    }
}
