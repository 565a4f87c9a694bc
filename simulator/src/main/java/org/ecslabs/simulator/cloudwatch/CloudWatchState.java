package org.ecslabs.simulator.cloudwatch;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One sandbox's metrics, alarms and alarm history. Times are epoch milliseconds. */
public class CloudWatchState {
    public List<MetricSeries> metrics = new ArrayList<>();
    /** By name, sorted: declared as a Map so that the store writes an alarm per row (docs/simulator-engine.md). */
    public Map<String, MetricAlarm> alarms = new TreeMap<>();
    /** Oldest first. */
    public List<HistoryItem> history = new ArrayList<>();
    /** Alarm actions that name an Application Auto Scaling policy, waiting for that service's tick. */
    public List<PolicyInvocation> pendingPolicyInvocations = new ArrayList<>();
    /** Alarm tags by alarm ARN. */
    public TreeMap<String, TreeMap<String, String>> tags = new TreeMap<>();
    /**
     * Every datapoint by "series id@minute start": a resource map, so that the store writes one
     * row per new datapoint instead of the whole series (see MetricStore).
     */
    public Map<String, StatisticSet> datapoints = new LinkedHashMap<>();
    /** The last minute (epoch minutes) whose metrics were published and whose alarms were evaluated. */
    public Long lastMinute;

    public static class Dimension {
        public String name;
        public String value;

        public Dimension() {
        }

        public Dimension(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    /** One metric (namespace, name, exact dimension set) with one aggregate per minute. */
    public static class MetricSeries {
        public String namespace;
        public String metricName;
        /** Sorted by name. */
        public List<Dimension> dimensions = new ArrayList<>();
        public String unit;
        /** Names the series' entries in {@link CloudWatchState#datapoints}. */
        public String id;
        /**
         * Minute start (epoch seconds) to the statistics of the values put in that minute: an index
         * over this series' datapoints, rebuilt from them after a load (MetricStore.points).
         */
        @JsonIgnore
        public TreeMap<Long, StatisticSet> points;
    }

    /** Stored as a four-number array: one series holds a day of minutes, and the state is written often. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"sampleCount", "sum", "minimum", "maximum"})
    public static class StatisticSet {
        public double sampleCount;
        public double sum;
        public double minimum;
        public double maximum;

        public StatisticSet() {
        }

        public StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
            this.sampleCount = sampleCount;
            this.sum = sum;
            this.minimum = minimum;
            this.maximum = maximum;
        }

        void add(StatisticSet other) {
            if (sampleCount == 0) {
                minimum = other.minimum;
                maximum = other.maximum;
            } else {
                minimum = Math.min(minimum, other.minimum);
                maximum = Math.max(maximum, other.maximum);
            }
            sampleCount += other.sampleCount;
            sum += other.sum;
        }
    }

    public static class MetricAlarm {
        public String alarmName;
        public String alarmArn;
        public String alarmDescription;
        public long configurationUpdated;
        public boolean actionsEnabled = true;
        public List<String> okActions = new ArrayList<>();
        public List<String> alarmActions = new ArrayList<>();
        public List<String> insufficientDataActions = new ArrayList<>();
        public String stateValue = "INSUFFICIENT_DATA";
        public String stateReason = "Unchecked: Initial alarm creation";
        public String stateReasonData;
        public long stateUpdated;
        public long stateTransitioned;
        public String metricName;
        public String namespace;
        public String statistic;
        public String extendedStatistic;
        public List<Dimension> dimensions = new ArrayList<>();
        public int period;
        public String unit;
        public int evaluationPeriods;
        public Integer datapointsToAlarm;
        public double threshold;
        public String comparisonOperator;
        public String treatMissingData;
    }

    public static class HistoryItem {
        public String alarmName;
        public long timestamp;
        public String historyItemType;
        public String historySummary;
        public String historyData;
    }

    /** An alarm in some state asking a scaling policy to act; the value is the newest datapoint. */
    public static class PolicyInvocation {
        public String policyArn;
        public String alarmName;
        public String alarmState;
        public Double metricValue;
        public double threshold;
        public long time;
    }
}
