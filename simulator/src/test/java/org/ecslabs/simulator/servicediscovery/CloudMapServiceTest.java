package org.ecslabs.simulator.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.Test;

class CloudMapServiceTest {
    private final ManualSandbox sandbox = new ManualSandbox();
    private final Calls map = new Calls(new CloudMapService(), sandbox);

    @Test
    void namespaceCreationIsAnOperationThatSucceedsOnTheNextTick() {
        String operationId = map.call("CreatePrivateDnsNamespace", "{'Name':'internal.local','Vpc':'vpc-1'}").path("OperationId").asText();
        JsonNode operation = map.call("GetOperation", "{'OperationId':'" + operationId + "'}").path("Operation");
        assertThat(operation.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(operation.path("Type").asText()).isEqualTo("CREATE_NAMESPACE");
        String namespaceId = operation.path("Targets").path("NAMESPACE").asText();
        assertThat(namespaceId).matches("ns-[a-z0-9]{16}");

        JsonNode namespace = map.call("GetNamespace", "{'Id':'" + namespaceId + "'}").path("Namespace");
        assertThat(namespace.path("Type").asText()).isEqualTo("DNS_PRIVATE");
        assertThat(namespace.path("Properties").path("DnsProperties").path("HostedZoneId").asText()).startsWith("Z");
        assertThat(map.call("ListNamespaces", "{}").path("Namespaces")).hasSize(1);
        assertThat(map.error("CreatePrivateDnsNamespace", "{'Name':'internal.local','Vpc':'vpc-1'}").code()).isEqualTo("NamespaceAlreadyExists");
    }

    @Test
    void registeredInstancesAreDiscoverableAndHealthFiltered() {
        String namespaceId = namespace();
        JsonNode service = map.call("CreateService", "{'Name':'api','NamespaceId':'" + namespaceId + "',"
                + "'DnsConfig':{'DnsRecords':[{'Type':'A','TTL':10}]},'HealthCheckCustomConfig':{}}").path("Service");
        String serviceId = service.path("Id").asText();
        assertThat(service.path("Arn").asText()).isEqualTo("arn:aws:servicediscovery:us-east-1:000000000000:service/" + serviceId);
        assertThat(map.error("RegisterInstance", "{'ServiceId':'" + serviceId + "','InstanceId':'i1','Attributes':{}}").code())
                .isEqualTo("InvalidInput");

        map.call("RegisterInstance", "{'ServiceId':'" + serviceId + "','InstanceId':'i1','Attributes':{'AWS_INSTANCE_IPV4':'10.0.0.5'}}");
        CloudMapRegistry.register(sandbox, service.path("Arn").asText(), "i2", Map.of("AWS_INSTANCE_IPV4", "10.0.0.6"));
        map.call("UpdateInstanceCustomHealthStatus", "{'ServiceId':'" + serviceId + "','InstanceId':'i2','Status':'UNHEALTHY'}");

        JsonNode all = map.call("DiscoverInstances", "{'NamespaceName':'internal.local','ServiceName':'api'}").path("Instances");
        assertThat(all).hasSize(2);
        JsonNode healthy = map.call("DiscoverInstances", "{'NamespaceName':'internal.local','ServiceName':'api','HealthStatus':'HEALTHY'}")
                .path("Instances");
        assertThat(healthy).hasSize(1);
        assertThat(healthy.get(0).path("Attributes").path("AWS_INSTANCE_IPV4").asText()).isEqualTo("10.0.0.5");
        assertThat(map.call("GetService", "{'Id':'" + serviceId + "'}").path("Service").path("InstanceCount").asInt()).isEqualTo(2);

        assertThat(map.error("DeleteNamespace", "{'Id':'" + namespaceId + "'}").code()).isEqualTo("ResourceInUse");
        assertThat(map.error("DeleteService", "{'Id':'" + serviceId + "'}").code()).isEqualTo("ResourceInUse");
        map.call("DeregisterInstance", "{'ServiceId':'" + serviceId + "','InstanceId':'i1'}");
        CloudMapRegistry.deregister(sandbox, service.path("Arn").asText(), "i2");
        assertThat(map.call("ListInstances", "{'ServiceId':'" + serviceId + "'}").path("Instances")).isEmpty();
        map.call("DeleteService", "{'Id':'" + serviceId + "'}");
        map.call("DeleteNamespace", "{'Id':'" + namespaceId + "'}");
        assertThat(map.call("ListOperations", "{'Filters':[{'Name':'TYPE','Values':['DEREGISTER_INSTANCE']}]}").path("Operations")).hasSize(2);
    }

    @Test
    void httpNamespacesTakeServicesWithoutDns() {
        String operationId = map.call("CreateHttpNamespace", "{'Name':'apps'}").path("OperationId").asText();
        String namespaceId = map.call("GetOperation", "{'OperationId':'" + operationId + "'}").path("Operation").path("Targets")
                .path("NAMESPACE").asText();
        assertThat(map.error("CreateService", "{'Name':'x','NamespaceId':'" + namespaceId + "','DnsConfig':{'DnsRecords':[{'Type':'A','TTL':10}]}}")
                .code()).isEqualTo("InvalidInput");
        assertThat(map.call("CreateService", "{'Name':'x','NamespaceId':'" + namespaceId + "'}").path("Service").path("Type").asText())
                .isEqualTo("HTTP");
    }

    private String namespace() {
        String operationId = map.call("CreatePrivateDnsNamespace", "{'Name':'internal.local','Vpc':'vpc-1'}").path("OperationId").asText();
        return map.call("GetOperation", "{'OperationId':'" + operationId + "'}").path("Operation").path("Targets").path("NAMESPACE").asText();
    }
}
