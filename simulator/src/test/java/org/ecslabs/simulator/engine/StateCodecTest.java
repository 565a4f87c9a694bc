package org.ecslabs.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service state classes persist as they are: fields, records, Instants, no annotations. */
class StateCodecTest {
    private final StateCodec codec = new StateCodec();

    record Task(String arn, Instant startedAt, List<String> ports) {
    }

    static final class ServiceState {
        private final List<Task> tasks = new ArrayList<>();
        private final Map<String, Integer> desired = new LinkedHashMap<>();
        private Instant updatedAt;

        /** Derived, not state: must not be written. */
        int taskCount() {
            return tasks.size();
        }

        public boolean isBusy() {
            return !tasks.isEmpty();
        }
    }

    @Test
    void fieldsRecordsAndInstantsRoundTripExactly() {
        ServiceState state = new ServiceState();
        state.tasks.add(new Task("arn:aws:ecs:us-east-1:000000000000:task/c/1", Instant.parse("2026-01-01T10:00:00.123456789Z"),
                List.of("80", "443")));
        state.desired.put("web", 3);
        state.updatedAt = Instant.parse("2026-01-01T10:00:01Z");

        String json = codec.write(state);
        assertThat(json).doesNotContain("busy").doesNotContain("taskCount");
        ServiceState read = codec.read(json, ServiceState.class);
        assertThat(read.tasks).containsExactlyElementsOf(state.tasks);
        assertThat(read.desired).containsExactly(Map.entry("web", 3));
        assertThat(read.updatedAt).isEqualTo(state.updatedAt);
        assertThat(codec.write(read)).isEqualTo(json);
    }

    @Test
    void unknownPropertiesFromOlderStateAreIgnored() {
        ServiceState read = codec.read("{\"tasks\":[],\"removedField\":42,\"updatedAt\":1767261600.0}", ServiceState.class);
        assertThat(read.updatedAt).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }
}
