package org.ecslabs.simulator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.support.SdkClients;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;

/** A log group keeps its most recently written streams only, so restarting tasks cannot grow it without end. */
class LogStreamCapTest {

    @Test
    void aGroupKeepsItsNewestStreamsWithinTheCap() {
        try (SimulatorFixture simulator = SimulatorFixture.paused();
             CloudWatchLogsClient logs = SdkClients.build(CloudWatchLogsClient.builder(), simulator.endpoint(),
                     SimulatorFixture.REGION)) {
            logs.createLogGroup(r -> r.logGroupName("/ecs/web"));
            int streams = LogsService.MAX_STREAMS_PER_GROUP + 5;
            for (int i = 0; i < streams; i++) {
                String name = "ecs/web/task-%03d".formatted(i);
                long at = System.currentTimeMillis() - 60_000 + i;
                logs.createLogStream(r -> r.logGroupName("/ecs/web").logStreamName(name));
                logs.putLogEvents(r -> r.logGroupName("/ecs/web").logStreamName(name)
                        .logEvents(e -> e.timestamp(at).message("started " + name)));
                if (i % 20 == 0) {
                    simulator.control("test", "test", "AdvanceClock", "{\"seconds\":1}");
                }
            }
            simulator.control("test", "test", "AdvanceClock", "{\"seconds\":61}");

            List<String> names = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = logs.describeLogStreams(r -> r.logGroupName("/ecs/web").nextToken(next));
                page.logStreams().stream().map(LogStream::logStreamName).forEach(names::add);
                token = page.nextToken();
            } while (token != null);
            assertThat(names).hasSize(LogsService.MAX_STREAMS_PER_GROUP)
                    .doesNotContain("ecs/web/task-000", "ecs/web/task-004")
                    .contains("ecs/web/task-005", "ecs/web/task-204");
        }
    }
}
