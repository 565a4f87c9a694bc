package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch over the wire: the Java SDK's query protocol and the CLI's RPC v2 CBOR. */
class CloudWatchWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SimulatorFixture simulator;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.paused();
        cloudWatch = CloudWatchClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        simulator.close();
    }

    private Instant advance(int seconds) {
        simulator.control("test", "test", "AdvanceClock", "{\"seconds\":" + seconds + "}");
        return now();
    }

    private Instant now() {
        try {
            JsonNode clock = JSON.readTree(simulator.control("test", "test", "GetClock", "{}").body());
            return Instant.ofEpochMilli(Math.round(clock.get("now").asDouble() * 1000));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void putOrders(double value) {
        cloudWatch.putMetricData(r -> r.namespace("Lab/Shop").metricData(d -> d.metricName("Orders")
                .dimensions(x -> x.name("Store").value("north")).value(value)));
    }

    @Test
    void anAlarmOnACustomMetricGoesToAlarmOnTheClockAndKeepsItsHistory() {
        Instant start = now();
        cloudWatch.putMetricAlarm(r -> r.alarmName("orders-high").namespace("Lab/Shop").metricName("Orders")
                .dimensions(x -> x.name("Store").value("north")).statistic(Statistic.SUM).period(60)
                .evaluationPeriods(2).threshold(100.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        putOrders(150);
        advance(60);
        putOrders(120);
        putOrders(50);
        Instant end = advance(60);

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("orders-high")).metricAlarms().get(0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).startsWith("Threshold Crossed: 2 datapoints [170.0 (")
                .endsWith(")] were greater than the threshold (100.0).");
        assertThat(alarm.stateUpdatedTimestamp()).isAfter(start);
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("orders-high").historyItemType(HistoryItemType.STATE_UPDATE))
                .alarmHistoryItems()).extracting(item -> item.historySummary())
                .containsExactly("Alarm updated from INSUFFICIENT_DATA to ALARM");

        MetricDataResult result = cloudWatch.getMetricData(r -> r.startTime(start.minusSeconds(120)).endTime(end)
                .metricDataQueries(q -> q.id("orders").metricStat(s -> s.period(60).stat("Sum")
                        .metric(m -> m.namespace("Lab/Shop").metricName("Orders").dimensions(x -> x.name("Store").value("north"))))))
                .metricDataResults().get(0);
        assertThat(result.values()).containsExactly(170.0, 150.0);
        assertThat(result.timestamps().get(0)).isAfter(result.timestamps().get(1));
        assertThat(result.statusCodeAsString()).isEqualTo("Complete");

        assertThat(cloudWatch.getMetricStatistics(r -> r.namespace("Lab/Shop").metricName("Orders")
                .dimensions(x -> x.name("Store").value("north")).startTime(start.minusSeconds(120)).endTime(end)
                .period(60).statistics(Statistic.MAXIMUM, Statistic.SAMPLE_COUNT)).datapoints())
                .extracting(d -> d.maximum()).containsExactlyInAnyOrder(150.0, 120.0);
        assertThat(cloudWatch.listMetrics(r -> r.namespace("Lab/Shop")).metrics()).extracting(m -> m.metricName())
                .containsExactly("Orders");
    }

    @Test
    void aLargePutMetricDataArrivesGzippedAndIsCountedInFull() {
        Instant start = now();
        List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> data = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            data.add(software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("Latency")
                    .dimensions(x -> x.name("Route").value("/checkout/with/a/rather/long/path/name")).value((double) i).build());
        }
        cloudWatch.putMetricData(r -> r.namespace("Lab/Shop").metricData(data));
        Instant end = advance(60);
        assertThat(cloudWatch.getMetricStatistics(r -> r.namespace("Lab/Shop").metricName("Latency")
                .dimensions(x -> x.name("Route").value("/checkout/with/a/rather/long/path/name"))
                .startTime(start.minusSeconds(60)).endTime(end).period(300).statistics(Statistic.SAMPLE_COUNT, Statistic.MAXIMUM))
                .datapoints()).singleElement().satisfies(d -> {
                    assertThat(d.sampleCount()).isEqualTo(600.0);
                    assertThat(d.maximum()).isEqualTo(599.0);
                });
    }

    @Test
    void alarmsCarryTagsAndCanBeFilteredByType() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("tagged").namespace("Lab/Shop").metricName("Orders")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).tags(t -> t.key("team").value("shop")));
        String arn = cloudWatch.describeAlarms(r -> r.alarmNames("tagged")).metricAlarms().get(0).alarmArn();
        assertThat(arn).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:tagged");
        cloudWatch.tagResource(r -> r.resourceARN(arn).tags(t -> t.key("env").value("lab")));
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=lab", "team=shop");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmTypesWithStrings("CompositeAlarm")).metricAlarms()).isEmpty();
    }

    @Test
    void theJson10ProtocolAnswersWithEpochSecondTimestamps() throws Exception {
        cloudWatch.putMetricAlarm(r -> r.alarmName("json-alarm").namespace("Lab/Shop").metricName("Orders")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        SignedHttp.Response response = SignedHttp.send(simulator.endpoint(), "POST", "test", "test", "us-east-1", "monitoring",
                Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms"),
                "{\"AlarmNames\": [\"json-alarm\"]}");
        assertThat(response.status()).isEqualTo(200);
        JsonNode alarm = JSON.readTree(response.body()).get("MetricAlarms").get(0);
        assertThat(alarm.get("AlarmName").asText()).isEqualTo("json-alarm");
        assertThat(alarm.get("StateUpdatedTimestamp").isNumber()).isTrue();
    }

    @Test
    void errorsComeBackWithCloudWatchCodes() {
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("missing").stateValue(StateValue.OK).stateReason("x")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
        assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/ECS")
                .metricData(d -> d.metricName("CPUUtilization").value(1.0))))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void theCliProtocolRpcV2CborReadsAndWritesTheSameOperations() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("cbor-alarm").namespace("Lab/Shop").metricName("Orders")
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
        SignedCbor.Response set = SignedCbor.call(simulator.endpoint(), "SetAlarmState",
                Map.of("AlarmName", "cbor-alarm", "StateValue", "ALARM", "StateReason", "testing the wire"));
        assertThat(set.status()).isEqualTo(200);

        SignedCbor.Response described = SignedCbor.call(simulator.endpoint(), "DescribeAlarms",
                Map.of("AlarmNames", List.of("cbor-alarm")));
        JsonNode alarm = described.body().get("MetricAlarms").get(0);
        assertThat(alarm.get("StateValue").asText()).isEqualTo("ALARM");
        assertThat(alarm.get("StateReason").asText()).isEqualTo("testing the wire");
        assertThat(alarm.get("StateUpdatedTimestamp").isNumber()).isTrue();

        SignedCbor.Response missing = SignedCbor.call(simulator.endpoint(), "DeleteAlarms",
                Map.of("AlarmNames", List.of("nope")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("__type").asText()).isEqualTo("ResourceNotFound");
        assertThat(missing.queryError()).isEqualTo("ResourceNotFound;Sender");
    }
}
