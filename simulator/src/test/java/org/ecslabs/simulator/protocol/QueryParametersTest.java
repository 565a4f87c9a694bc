package org.ecslabs.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query protocol's flat parameters fold into the tree the services read. */
class QueryParametersTest {

    @Test
    void foldsListsStructuresAndMaps() {
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put("Action", "DescribeThings");
        flat.put("Version", "2015-12-01");
        flat.put("Filter.1.Name", "vpc-id");
        flat.put("Filter.1.Value.1", "vpc-1");
        flat.put("Filter.1.Value.2", "vpc-2");
        flat.put("Filter.2.Name", "state");
        flat.put("Filter.2.Value.1", "available");
        flat.put("Names.member.2", "second");
        flat.put("Names.member.1", "first");
        flat.put("Tags.member.1.Key", "team");
        flat.put("Tags.member.1.Value", "blue");
        flat.put("Attributes.entry.1.key", "idle_timeout");
        flat.put("Attributes.entry.1.value", "60");
        flat.put("VpcId.1", "vpc-a");
        flat.put("MaxRecords", "5");

        assertThat(QueryParameters.fold(flat).toString()).isEqualTo("{"
                + "\"Filter\":[{\"Name\":\"vpc-id\",\"Value\":[\"vpc-1\",\"vpc-2\"]},{\"Name\":\"state\",\"Value\":[\"available\"]}],"
                + "\"Names\":[\"first\",\"second\"],"
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"}],"
                + "\"Attributes\":{\"idle_timeout\":\"60\"},"
                + "\"VpcId\":[\"vpc-a\"],"
                + "\"MaxRecords\":\"5\"}");
    }

    @Test
    void listsOrderByNumberNotByText() {
        Map<String, String> flat = new LinkedHashMap<>();
        for (int i = 12; i >= 1; i--) {
            flat.put("Names.member." + i, "n" + i);
        }
        assertThat(QueryParameters.fold(flat).path("Names").get(9).asText()).isEqualTo("n10");
        assertThat(QueryParameters.fold(flat).path("Names")).hasSize(12);
    }

    @Test
    void readsTheQueryStringAndTheFormBody() {
        WireRequest request = new WireRequest("POST", "/", "Action=Describe",
                Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                "Names.member.1=a%20b%26c&Empty=".getBytes());
        Map<String, String> parameters = QueryParameters.of(request);
        assertThat(parameters).containsEntry("Action", "Describe").containsEntry("Names.member.1", "a b&c")
                .containsEntry("Empty", "");
    }
}
