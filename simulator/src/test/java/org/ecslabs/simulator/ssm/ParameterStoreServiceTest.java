package org.ecslabs.simulator.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.Test;

class ParameterStoreServiceTest {
    private final ManualSandbox sandbox = new ManualSandbox();
    private final Calls ssm = new Calls(new ParameterStoreService(), sandbox);

    @Test
    void overwriteMakesNewVersionsAndOldOnesStayReadable() {
        assertThat(ssm.call("PutParameter", "{'Name':'/app/url','Value':'a','Type':'String'}").path("Version").asLong()).isEqualTo(1);
        assertThat(ssm.error("PutParameter", "{'Name':'/app/url','Value':'b','Type':'String'}").code()).isEqualTo("ParameterAlreadyExists");
        assertThat(ssm.call("PutParameter", "{'Name':'/app/url','Value':'b','Overwrite':true}").path("Version").asLong()).isEqualTo(2);

        JsonNode parameter = ssm.call("GetParameter", "{'Name':'/app/url'}").path("Parameter");
        assertThat(parameter.path("Value").asText()).isEqualTo("b");
        assertThat(parameter.path("ARN").asText()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/app/url");
        assertThat(ssm.call("GetParameter", "{'Name':'/app/url:1'}").path("Parameter").path("Value").asText()).isEqualTo("a");
        assertThat(ssm.error("GetParameter", "{'Name':'/nope'}").code()).isEqualTo("ParameterNotFound");
        assertThat(ssm.error("PutParameter", "{'Name':'/new','Value':'x'}").getMessage())
                .isEqualTo("A parameter type is required when you create a parameter.");
    }

    @Test
    void secureStringIsHiddenUnlessDecrypted() {
        ssm.call("PutParameter", "{'Name':'/app/db-password','Value':'hunter2','Type':'SecureString'}");
        assertThat(ssm.call("GetParameter", "{'Name':'/app/db-password'}").path("Parameter").path("Value").asText())
                .doesNotContain("hunter2");
        assertThat(ssm.call("GetParameter", "{'Name':'/app/db-password','WithDecryption':true}").path("Parameter").path("Value").asText())
                .isEqualTo("hunter2");
    }

    @Test
    void getParametersSplitsFoundAndInvalidAndDescribeFiltersByPath() {
        ssm.call("PutParameter", "{'Name':'/app/a','Value':'1','Type':'String'}");
        ssm.call("PutParameter", "{'Name':'/app/deep/b','Value':'x,y','Type':'StringList'}");
        ssm.call("PutParameter", "{'Name':'plain','Value':'p','Type':'String'}");

        JsonNode result = ssm.call("GetParameters", "{'Names':['/app/a','/missing']}");
        assertThat(result.path("Parameters")).hasSize(1);
        assertThat(result.path("InvalidParameters").get(0).asText()).isEqualTo("/missing");
        assertThat(ssm.call("DescribeParameters", "{'ParameterFilters':[{'Key':'Path','Values':['/app']}]}").path("Parameters")).hasSize(1);
        assertThat(ssm.call("DescribeParameters", "{'ParameterFilters':[{'Key':'Path','Option':'Recursive','Values':['/app']}]}")
                .path("Parameters")).hasSize(2);
        assertThat(ssm.call("GetParametersByPath", "{'Path':'/app','Recursive':true}").path("Parameters")).hasSize(2);
        assertThat(ParameterStoreService.find(sandbox, "arn:aws:ssm:us-east-1:000000000000:parameter/plain").name).isEqualTo("plain");

        ssm.call("DeleteParameter", "{'Name':'plain'}");
        assertThat(ssm.error("DeleteParameter", "{'Name':'plain'}").code()).isEqualTo("ParameterNotFound");
    }

    @Test
    void historyListsEveryVersion() {
        ssm.call("PutParameter", "{'Name':'/h','Value':'a','Type':'String'}");
        ssm.call("PutParameter", "{'Name':'/h','Value':'b','Overwrite':true}");
        JsonNode history = ssm.call("GetParameterHistory", "{'Name':'/h'}").path("Parameters");
        assertThat(history).extracting(v -> v.path("Value").asText()).containsExactly("a", "b");
    }
}
