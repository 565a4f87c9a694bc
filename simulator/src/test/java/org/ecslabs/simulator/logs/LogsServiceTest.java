package org.ecslabs.simulator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.Test;

class LogsServiceTest {
    private final ManualSandbox sandbox = new ManualSandbox();
    private final Calls logs = new Calls(new LogsService(), sandbox);

    @Test
    void groupsAndStreamsAreCreatedOnceAndDescribedByPrefix() {
        logs.call("CreateLogGroup", "{'logGroupName':'/ecs/web'}");
        logs.call("CreateLogGroup", "{'logGroupName':'/other'}");
        assertThat(logs.error("CreateLogGroup", "{'logGroupName':'/ecs/web'}").code()).isEqualTo("ResourceAlreadyExistsException");

        JsonNode groups = logs.call("DescribeLogGroups", "{'logGroupNamePrefix':'/ecs'}").path("logGroups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("arn").asText()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/ecs/web:*");

        logs.call("CreateLogStream", "{'logGroupName':'/ecs/web','logStreamName':'web/app/1'}");
        logs.call("CreateLogStream", "{'logGroupName':'/ecs/web','logStreamName':'web/app/2'}");
        assertThat(logs.error("CreateLogStream", "{'logGroupName':'/nope','logStreamName':'x'}").getMessage())
                .isEqualTo("The specified log group does not exist.");
        JsonNode streams = logs.call("DescribeLogStreams", "{'logGroupName':'/ecs/web','logStreamNamePrefix':'web/','descending':true}")
                .path("logStreams");
        assertThat(streams.get(0).path("logStreamName").asText()).isEqualTo("web/app/2");
        assertThat(logs.error("DescribeLogStreams", "{'logGroupName':'/ecs/web','logStreamNamePrefix':'w','orderBy':'LastEventTime'}").code())
                .isEqualTo("InvalidParameterException");
    }

    @Test
    void eventsPageForwardAndBackwardAndFilterByTerms() {
        logs.call("CreateLogGroup", "{'logGroupName':'g'}");
        logs.call("CreateLogStream", "{'logGroupName':'g','logStreamName':'s'}");
        long t = sandbox.now().toEpochMilli();
        logs.call("PutLogEvents", "{'logGroupName':'g','logStreamName':'s','logEvents':[{'timestamp':" + t + ",'message':'GET /health 200'},"
                + "{'timestamp':" + (t + 1) + ",'message':'GET /api 500 error'},{'timestamp':" + (t + 2) + ",'message':'POST /api 200'}]}");

        JsonNode head = logs.call("GetLogEvents", "{'logGroupName':'g','logStreamName':'s','startFromHead':true,'limit':2}");
        assertThat(head.path("events")).hasSize(2);
        assertThat(head.path("events").get(0).path("message").asText()).isEqualTo("GET /health 200");
        JsonNode next = logs.call("GetLogEvents", "{'logGroupName':'g','logStreamName':'s','limit':2,'nextToken':'"
                + head.path("nextForwardToken").asText() + "'}");
        assertThat(next.path("events")).hasSize(1);
        JsonNode end = logs.call("GetLogEvents", "{'logGroupName':'g','logStreamName':'s','nextToken':'" + next.path("nextForwardToken").asText() + "'}");
        assertThat(end.path("events")).isEmpty();
        assertThat(end.path("nextForwardToken").asText()).isEqualTo(next.path("nextForwardToken").asText());
        assertThat(logs.call("GetLogEvents", "{'logGroupName':'g','logStreamName':'s','limit':1}").path("events").get(0).path("message").asText())
                .isEqualTo("POST /api 200");

        assertThat(logs.call("FilterLogEvents", "{'logGroupName':'g','filterPattern':'GET 200'}").path("events")).hasSize(1);
        assertThat(logs.call("FilterLogEvents", "{'logGroupName':'g','filterPattern':'\\\"/api 500\\\"'}").path("events")).hasSize(1);
        assertThat(logs.call("FilterLogEvents", "{'logGroupName':'g','filterPattern':'?POST ?health'}").path("events")).hasSize(2);
        assertThat(logs.call("FilterLogEvents", "{'logGroupName':'g','startTime':" + (t + 1) + "}").path("events")).hasSize(2);
    }

    @Test
    void retentionExpiresOldEvents() {
        logs.call("CreateLogGroup", "{'logGroupName':'g'}");
        assertThat(logs.error("PutRetentionPolicy", "{'logGroupName':'g','retentionInDays':2}").code()).isEqualTo("InvalidParameterException");
        logs.call("PutRetentionPolicy", "{'logGroupName':'g','retentionInDays':1}");
        LogWriter.append(sandbox, "g", "s", "hello");
        sandbox.advance(Duration.ofDays(2));
        assertThat(logs.call("GetLogEvents", "{'logGroupName':'g','logStreamName':'s'}").path("events")).isEmpty();
        assertThat(logs.call("DescribeLogGroups", "{}").path("logGroups").get(0).path("retentionInDays").asInt()).isEqualTo(1);
    }

    @Test
    void logGroupsCarryTags() {
        logs.call("CreateLogGroup", "{'logGroupName':'g','tags':{'team':'web'}}");
        logs.call("TagLogGroup", "{'logGroupName':'g','tags':{'env':'lab'}}");
        assertThat(logs.call("ListTagsForResource", "{'resourceArn':'arn:aws:logs:us-east-1:000000000000:log-group:g'}").path("tags")
                .path("env").asText()).isEqualTo("lab");
        logs.call("UntagLogGroup", "{'logGroupName':'g','tags':['team']}");
        assertThat(logs.call("ListTagsLogGroup", "{'logGroupName':'g'}").path("tags")).hasSize(1);
    }

    @Test
    void aStreamKeepsItsNewestEventsOnly() {
        logs.call("CreateLogGroup", "{'logGroupName':'g'}");
        for (int i = 0; i < LogsService.MAX_EVENTS_PER_STREAM + 5; i++) {
            LogWriter.append(sandbox, "g", "s", "line " + i);
        }
        JsonNode events = logs.call("GetLogEvents", "{'logGroupName':'g','logStreamName':'s','startFromHead':true,'limit':1}").path("events");
        assertThat(events.get(0).path("message").asText()).isEqualTo("line 5");
    }
}
