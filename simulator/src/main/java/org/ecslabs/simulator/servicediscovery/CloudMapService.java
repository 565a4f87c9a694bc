package org.ecslabs.simulator.servicediscovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * AWS Cloud Map: namespaces (created asynchronously, as in AWS: an operation that succeeds on
 * the next tick), services with DNS records, and registered instances one can discover.
 */
public class CloudMapService implements AwsService, TaggedResources {
    @Override
    public String signingName() {
        return "servicediscovery";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "Route53AutoNaming_v20170314";
    }

    @Override
    public Class<?> stateType() {
        return CloudMapState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        return switch (operation) {
            case "CreatePrivateDnsNamespace" -> createNamespace(sandbox, state, input, "DNS_PRIVATE");
            case "CreatePublicDnsNamespace" -> createNamespace(sandbox, state, input, "DNS_PUBLIC");
            case "CreateHttpNamespace" -> createNamespace(sandbox, state, input, "HTTP");
            case "GetNamespace" -> single("Namespace", namespaceNode(sandbox, state, namespace(state, input.path("Id").asText("")), true));
            case "ListNamespaces" -> listNamespaces(sandbox, state, input);
            case "DeleteNamespace" -> deleteNamespace(sandbox, state, input);
            case "CreateService" -> createService(sandbox, state, input);
            case "GetService" -> single("Service", serviceNode(sandbox, service(state, input.path("Id").asText("")), true));
            case "ListServices" -> listServices(sandbox, state, input);
            case "DeleteService" -> deleteService(state, input);
            case "RegisterInstance" -> registerInstance(sandbox, state, input);
            case "DeregisterInstance" -> deregisterInstance(sandbox, state, input);
            case "GetInstance" -> getInstance(sandbox, state, input);
            case "ListInstances" -> listInstances(sandbox, state, input);
            case "DiscoverInstances" -> discoverInstances(state, input);
            case "UpdateInstanceCustomHealthStatus" -> updateHealth(state, input);
            case "GetOperation" -> getOperation(sandbox, state, input);
            case "ListOperations" -> listOperations(state, input);
            case "TagResource" -> tagResource(sandbox, input);
            case "UntagResource" -> untagResource(sandbox, input);
            case "ListTagsForResource" -> listTagsForResource(sandbox, input);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    /** Submitted operations complete on the next tick: namespaces become visible then. */
    @Override
    public boolean tick(Sandbox sandbox) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        boolean changed = false;
        for (CloudMapState.Operation operation : state.operations.values()) {
            if (!operation.status.equals("SUBMITTED")) {
                continue;
            }
            operation.status = "SUCCESS";
            operation.updatedMillis = sandbox.now().toEpochMilli();
            if (operation.type.equals("CREATE_NAMESPACE")) {
                CloudMapState.Namespace namespace = state.namespaces.get(operation.targets.get("NAMESPACE"));
                if (namespace != null) {
                    namespace.ready = true;
                }
            }
            changed = true;
        }
        return changed;
    }

    private JsonNode createNamespace(Sandbox sandbox, CloudMapState state, ObjectNode input, String type) {
        String name = input.path("Name").asText("");
        if (name.isEmpty() || name.length() > 1024) {
            throw new AwsException("InvalidInput", "Namespace name is invalid.");
        }
        String vpc = input.path("Vpc").asText(null);
        if (type.equals("DNS_PRIVATE") && vpc == null) {
            throw new AwsException("InvalidInput", "Vpc is required for a private DNS namespace.");
        }
        for (CloudMapState.Namespace existing : state.namespaces.values()) {
            boolean clash = existing.name.equalsIgnoreCase(name)
                    && (type.equals("HTTP") || existing.type.equals("HTTP") || Objects.equals(existing.vpc, vpc)
                    || type.equals("DNS_PUBLIC"));
            if (clash) {
                throw new AwsException("NamespaceAlreadyExists", "Namespace with name " + name + " already exists.");
            }
        }
        CloudMapState.Namespace namespace = new CloudMapState.Namespace();
        namespace.id = "ns-" + shortId(sandbox);
        namespace.name = name;
        namespace.type = type;
        namespace.vpc = vpc;
        namespace.description = input.path("Description").asText(null);
        namespace.creatorRequestId = input.path("CreatorRequestId").asText(null);
        namespace.createdMillis = sandbox.now().toEpochMilli();
        if (!type.equals("HTTP")) {
            namespace.hostedZoneId = "Z" + sandbox.newId().substring(0, 20).toUpperCase(Locale.ROOT);
        }
        putTags(namespace.tags, input.path("Tags"));
        state.namespaces.put(namespace.id, namespace);
        return operationResult(submit(sandbox, state, "CREATE_NAMESPACE", Map.of("NAMESPACE", namespace.id)));
    }

    private JsonNode listNamespaces(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Namespaces");
        for (CloudMapState.Namespace namespace : state.namespaces.values()) {
            if (namespace.ready && passes(input.path("Filters"), Map.of("TYPE", namespace.type, "NAME", namespace.name,
                    "HTTP_NAME", namespace.name))) {
                list.add(namespaceNode(sandbox, state, namespace, false));
            }
        }
        return result;
    }

    private JsonNode deleteNamespace(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        CloudMapState.Namespace namespace = namespace(state, input.path("Id").asText(""));
        if (state.services.values().stream().anyMatch(s -> s.namespaceId.equals(namespace.id))) {
            throw new AwsException("ResourceInUse", "The namespace " + namespace.id
                    + " can't be deleted because it contains one or more services.");
        }
        state.namespaces.remove(namespace.id);
        return operationResult(submit(sandbox, state, "DELETE_NAMESPACE", Map.of("NAMESPACE", namespace.id)));
    }

    private JsonNode createService(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        String namespaceId = input.path("NamespaceId").asText(input.path("DnsConfig").path("NamespaceId").asText(""));
        if (namespaceId.startsWith("arn:")) {
            namespaceId = namespaceId.substring(namespaceId.lastIndexOf('/') + 1);
        }
        CloudMapState.Namespace namespace = namespace(state, namespaceId);
        String name = input.path("Name").asText("");
        if (name.isEmpty()) {
            throw new AwsException("InvalidInput", "Service name is required.");
        }
        for (CloudMapState.Service existing : state.services.values()) {
            if (existing.namespaceId.equals(namespace.id) && existing.name.equalsIgnoreCase(name)) {
                throw new AwsException("ServiceAlreadyExists", "Service with name " + name + " already exists in namespace "
                        + namespace.id + ".");
            }
        }
        JsonNode dnsConfig = input.path("DnsConfig");
        boolean httpOnly = namespace.type.equals("HTTP") || "HTTP".equals(input.path("Type").asText(null));
        if (namespace.type.equals("HTTP") && !dnsConfig.isMissingNode()) {
            throw new AwsException("InvalidInput", "DnsConfig is not allowed for a service in an HTTP namespace.");
        }
        if (!httpOnly && dnsConfig.path("DnsRecords").isEmpty()) {
            throw new AwsException("InvalidInput", "DnsConfig with at least one DnsRecord is required for a service in a DNS namespace.");
        }
        CloudMapState.Service service = new CloudMapState.Service();
        service.id = "srv-" + shortId(sandbox);
        service.name = name;
        service.namespaceId = namespace.id;
        service.description = input.path("Description").asText(null);
        service.type = httpOnly ? "HTTP" : "DNS_HTTP";
        service.routingPolicy = httpOnly ? null : dnsConfig.path("RoutingPolicy").asText("MULTIVALUE");
        for (JsonNode record : dnsConfig.path("DnsRecords")) {
            String recordType = record.path("Type").asText("");
            if (!List.of("A", "AAAA", "SRV", "CNAME").contains(recordType)) {
                throw new AwsException("InvalidInput", "DnsRecord type " + recordType + " is not valid.");
            }
            service.dnsRecords.put(recordType, record.path("TTL").asLong(60));
        }
        if (input.has("HealthCheckCustomConfig")) {
            service.customHealth = true;
            JsonNode threshold = input.path("HealthCheckCustomConfig").path("FailureThreshold");
            service.customHealthFailureThreshold = threshold.isMissingNode() ? null : threshold.asInt();
        }
        service.creatorRequestId = input.path("CreatorRequestId").asText(null);
        service.createdMillis = sandbox.now().toEpochMilli();
        putTags(service.tags, input.path("Tags"));
        state.services.put(service.id, service);
        return single("Service", serviceNode(sandbox, service, true));
    }

    private JsonNode listServices(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Services");
        for (CloudMapState.Service service : state.services.values()) {
            if (passes(input.path("Filters"), Map.of("NAMESPACE_ID", service.namespaceId))) {
                list.add(serviceNode(sandbox, service, false));
            }
        }
        return result;
    }

    private JsonNode deleteService(CloudMapState state, ObjectNode input) {
        CloudMapState.Service service = service(state, input.path("Id").asText(""));
        if (!service.instances.isEmpty()) {
            throw new AwsException("ResourceInUse", "The service " + service.id
                    + " can't be deleted because it has registered instances.");
        }
        state.services.remove(service.id);
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode registerInstance(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        CloudMapState.Service service = service(state, input.path("ServiceId").asText(""));
        String instanceId = input.path("InstanceId").asText("");
        if (instanceId.isEmpty()) {
            throw new AwsException("InvalidInput", "InstanceId is required.");
        }
        CloudMapState.Instance instance = new CloudMapState.Instance();
        instance.id = instanceId;
        instance.creatorRequestId = input.path("CreatorRequestId").asText(null);
        input.path("Attributes").fields().forEachRemaining(e -> instance.attributes.put(e.getKey(), e.getValue().asText()));
        if ((service.dnsRecords.containsKey("A") || service.dnsRecords.containsKey("SRV"))
                && !instance.attributes.containsKey("AWS_INSTANCE_IPV4")) {
            throw new AwsException("InvalidInput", "AWS_INSTANCE_IPV4 attribute is required for a service with an A or SRV record.");
        }
        if (service.dnsRecords.containsKey("SRV") && !instance.attributes.containsKey("AWS_INSTANCE_PORT")) {
            throw new AwsException("InvalidInput", "AWS_INSTANCE_PORT attribute is required for a service with an SRV record.");
        }
        CloudMapState.Instance previous = service.instances.put(instanceId, instance);
        if (previous != null) {
            instance.health = previous.health;
        }
        state.revision++;
        return operationResult(submit(sandbox, state, "REGISTER_INSTANCE", Map.of("SERVICE", service.id, "INSTANCE", instanceId)));
    }

    private JsonNode deregisterInstance(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        CloudMapState.Service service = service(state, input.path("ServiceId").asText(""));
        String instanceId = input.path("InstanceId").asText("");
        if (service.instances.remove(instanceId) == null) {
            throw instanceNotFound(instanceId);
        }
        state.revision++;
        return operationResult(submit(sandbox, state, "DEREGISTER_INSTANCE", Map.of("SERVICE", service.id, "INSTANCE", instanceId)));
    }

    private JsonNode getInstance(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        CloudMapState.Service service = service(state, input.path("ServiceId").asText(""));
        CloudMapState.Instance instance = service.instances.get(input.path("InstanceId").asText(""));
        if (instance == null) {
            throw instanceNotFound(input.path("InstanceId").asText(""));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("Id", instance.id);
        if (instance.creatorRequestId != null) {
            node.put("CreatorRequestId", instance.creatorRequestId);
        }
        node.set("Attributes", attributes(instance));
        node.put("CreatedByAccount", sandbox.accountId());
        return single("Instance", node);
    }

    private JsonNode listInstances(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        CloudMapState.Service service = service(state, input.path("ServiceId").asText(""));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Instances");
        for (CloudMapState.Instance instance : service.instances.values()) {
            ObjectNode node = list.addObject().put("Id", instance.id);
            node.set("Attributes", attributes(instance));
            node.put("CreatedByAccount", sandbox.accountId());
        }
        return result;
    }

    private JsonNode discoverInstances(CloudMapState state, ObjectNode input) {
        String namespaceName = input.path("NamespaceName").asText("");
        CloudMapState.Namespace namespace = state.namespaces.values().stream()
                .filter(n -> n.ready && n.name.equalsIgnoreCase(namespaceName)).findFirst()
                .orElseThrow(() -> new AwsException("NamespaceNotFound", "Namespace not found: " + namespaceName));
        String serviceName = input.path("ServiceName").asText("");
        CloudMapState.Service service = state.services.values().stream()
                .filter(s -> s.namespaceId.equals(namespace.id) && s.name.equalsIgnoreCase(serviceName)).findFirst()
                .orElseThrow(() -> new AwsException("ServiceNotFound", "Service not found: " + serviceName));
        String health = input.path("HealthStatus").asText("ALL");
        List<CloudMapState.Instance> matching = new ArrayList<>();
        for (CloudMapState.Instance instance : service.instances.values()) {
            if (hasAll(instance, input.path("QueryParameters"))) {
                matching.add(instance);
            }
        }
        List<CloudMapState.Instance> optional = matching.stream().filter(i -> hasAll(i, input.path("OptionalParameters"))).toList();
        if (!optional.isEmpty()) {
            matching = optional;
        }
        List<CloudMapState.Instance> healthy = matching.stream().filter(i -> i.health.equals("HEALTHY")).toList();
        List<CloudMapState.Instance> chosen = switch (health) {
            case "HEALTHY" -> healthy;
            case "UNHEALTHY" -> matching.stream().filter(i -> i.health.equals("UNHEALTHY")).toList();
            case "HEALTHY_OR_ELSE_ALL" -> healthy.isEmpty() ? matching : healthy;
            default -> matching;
        };
        int max = input.path("MaxResults").asInt(100);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Instances");
        for (CloudMapState.Instance instance : chosen.subList(0, Math.min(max, chosen.size()))) {
            ObjectNode node = list.addObject()
                    .put("InstanceId", instance.id)
                    .put("NamespaceName", namespace.name)
                    .put("ServiceName", service.name)
                    .put("HealthStatus", instance.health);
            node.set("Attributes", attributes(instance));
        }
        result.put("InstancesRevision", state.revision);
        return result;
    }

    private JsonNode updateHealth(CloudMapState state, ObjectNode input) {
        CloudMapState.Service service = service(state, input.path("ServiceId").asText(""));
        if (!service.customHealth) {
            throw new AwsException("CustomHealthNotFound", "Service " + service.id + " does not have a custom health check configuration.");
        }
        CloudMapState.Instance instance = service.instances.get(input.path("InstanceId").asText(""));
        if (instance == null) {
            throw instanceNotFound(input.path("InstanceId").asText(""));
        }
        instance.health = input.path("Status").asText("HEALTHY");
        state.revision++;
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode getOperation(Sandbox sandbox, CloudMapState state, ObjectNode input) {
        CloudMapState.Operation operation = state.operations.get(input.path("OperationId").asText(""));
        if (operation == null) {
            throw new AwsException("OperationNotFound", "Operation not found: " + input.path("OperationId").asText(""));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("Id", operation.id)
                .put("OwnerAccount", sandbox.accountId())
                .put("Type", operation.type)
                .put("Status", operation.status)
                .put("CreateDate", seconds(operation.createdMillis))
                .put("UpdateDate", seconds(operation.updatedMillis));
        ObjectNode targets = node.putObject("Targets");
        operation.targets.forEach(targets::put);
        return single("Operation", node);
    }

    private JsonNode listOperations(CloudMapState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Operations");
        for (CloudMapState.Operation operation : state.operations.values()) {
            Map<String, String> fields = new HashMap<>(Map.of("STATUS", operation.status, "TYPE", operation.type));
            if (operation.targets.containsKey("NAMESPACE")) {
                fields.put("NAMESPACE_ID", operation.targets.get("NAMESPACE"));
            }
            if (operation.targets.containsKey("SERVICE")) {
                fields.put("SERVICE_ID", operation.targets.get("SERVICE"));
            }
            if (passes(input.path("Filters"), fields)) {
                list.addObject().put("Id", operation.id).put("Status", operation.status);
            }
        }
        return result;
    }

    static CloudMapState.Operation submit(Sandbox sandbox, CloudMapState state, String type, Map<String, String> targets) {
        CloudMapState.Operation operation = new CloudMapState.Operation();
        String id = sandbox.newId();
        operation.id = id + "-" + id.substring(0, 8);
        operation.type = type;
        operation.status = "SUBMITTED";
        operation.createdMillis = sandbox.now().toEpochMilli();
        operation.updatedMillis = operation.createdMillis;
        operation.targets.putAll(targets);
        state.operations.put(operation.id, operation);
        // Cloud Map forgets operations after a while; keeping the last few hundred bounds the state.
        while (state.operations.size() > 500) {
            state.operations.remove(state.operations.keySet().iterator().next());
        }
        return operation;
    }

    /** EQ (the default), IN and BEGINS_WITH filters over named fields; a filter on an unknown field matches nothing. */
    private static boolean passes(JsonNode filters, Map<String, String> fields) {
        for (JsonNode filter : filters) {
            String value = fields.get(filter.path("Name").asText());
            String condition = filter.path("Condition").asText("EQ");
            boolean any = false;
            for (JsonNode wanted : filter.path("Values")) {
                any |= value != null && (condition.equals("BEGINS_WITH") ? value.startsWith(wanted.asText()) : value.equals(wanted.asText()));
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasAll(CloudMapState.Instance instance, JsonNode parameters) {
        var fields = parameters.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().asText().equals(instance.attributes.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode namespaceNode(Sandbox sandbox, CloudMapState state, CloudMapState.Namespace namespace, boolean full) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("Id", namespace.id)
                .put("Arn", sandbox.arn("servicediscovery", "namespace/" + namespace.id))
                .put("ResourceOwner", sandbox.accountId())
                .put("Name", namespace.name)
                .put("Type", namespace.type);
        if (namespace.description != null) {
            node.put("Description", namespace.description);
        }
        node.put("ServiceCount", state.services.values().stream().filter(s -> s.namespaceId.equals(namespace.id)).count());
        ObjectNode properties = node.putObject("Properties");
        ObjectNode dns = properties.putObject("DnsProperties");
        if (namespace.hostedZoneId != null) {
            dns.put("HostedZoneId", namespace.hostedZoneId);
            dns.putObject("SOA").put("TTL", 15);
        }
        properties.putObject("HttpProperties").put("HttpName", namespace.name);
        node.put("CreateDate", seconds(namespace.createdMillis));
        if (full && namespace.creatorRequestId != null) {
            node.put("CreatorRequestId", namespace.creatorRequestId);
        }
        return node;
    }

    private static ObjectNode serviceNode(Sandbox sandbox, CloudMapState.Service service, boolean full) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("Id", service.id)
                .put("Arn", sandbox.arn("servicediscovery", "service/" + service.id))
                .put("ResourceOwner", sandbox.accountId())
                .put("Name", service.name);
        if (full) {
            node.put("NamespaceId", service.namespaceId);
        }
        if (service.description != null) {
            node.put("Description", service.description);
        }
        node.put("InstanceCount", service.instances.size());
        if (!service.dnsRecords.isEmpty()) {
            ObjectNode dns = node.putObject("DnsConfig");
            if (full) {
                dns.put("NamespaceId", service.namespaceId);
            }
            dns.put("RoutingPolicy", service.routingPolicy);
            ArrayNode records = dns.putArray("DnsRecords");
            service.dnsRecords.forEach((type, ttl) -> records.addObject().put("Type", type).put("TTL", ttl));
        }
        node.put("Type", service.type);
        if (service.customHealth) {
            ObjectNode custom = node.putObject("HealthCheckCustomConfig");
            if (service.customHealthFailureThreshold != null) {
                custom.put("FailureThreshold", service.customHealthFailureThreshold);
            }
        }
        node.put("CreateDate", seconds(service.createdMillis));
        if (full && service.creatorRequestId != null) {
            node.put("CreatorRequestId", service.creatorRequestId);
        }
        return node.put("CreatedByAccount", sandbox.accountId());
    }

    private static ObjectNode attributes(CloudMapState.Instance instance) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        instance.attributes.forEach(attributes::put);
        return attributes;
    }

    private static CloudMapState.Namespace namespace(CloudMapState state, String id) {
        CloudMapState.Namespace namespace = state.namespaces.get(id);
        if (namespace == null || !namespace.ready) {
            throw new AwsException("NamespaceNotFound", "Namespace not found: " + id);
        }
        return namespace;
    }

    static CloudMapState.Service service(CloudMapState state, String idOrArn) {
        String id = idOrArn.startsWith("arn:") ? idOrArn.substring(idOrArn.lastIndexOf('/') + 1) : idOrArn;
        CloudMapState.Service service = state.services.get(id);
        if (service == null) {
            throw new AwsException("ServiceNotFound", "Service not found: " + id);
        }
        return service;
    }

    private static AwsException instanceNotFound(String id) {
        return new AwsException("InstanceNotFound", "Instance not found: " + id);
    }

    private static ObjectNode operationResult(CloudMapState.Operation operation) {
        return JsonNodeFactory.instance.objectNode().put("OperationId", operation.id);
    }

    private static ObjectNode single(String name, JsonNode value) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set(name, value);
        return result;
    }

    /** Cloud Map ids: 16 lower-case letters and digits after the prefix. */
    private static String shortId(Sandbox sandbox) {
        String hex = sandbox.newId();
        StringBuilder id = new StringBuilder(16);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 16; i++) {
            id.append(alphabet.charAt(Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16) % alphabet.length()));
        }
        return id.toString();
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    /** Namespaces count from CreateNamespace on, while their creation operation is still running. */
    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        List<TaggedResource> tagged = new ArrayList<>();
        state.namespaces.values().forEach(namespace ->
                TaggedResource.addIfTagged(tagged, sandbox.arn("servicediscovery", "namespace/" + namespace.id), namespace.tags));
        state.services.values().forEach(service ->
                TaggedResource.addIfTagged(tagged, sandbox.arn("servicediscovery", "service/" + service.id), service.tags));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        return liveTags(sandbox, arn);
    }

    /** The live tag map of the namespace or service an ARN names; null when there is none. */
    private static Map<String, String> liveTags(Sandbox sandbox, String arn) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        String namespaces = sandbox.arn("servicediscovery", "namespace/");
        String services = sandbox.arn("servicediscovery", "service/");
        if (arn.startsWith(namespaces)) {
            CloudMapState.Namespace namespace = state.namespaces.get(arn.substring(namespaces.length()));
            return namespace == null ? null : namespace.tags;
        }
        if (arn.startsWith(services)) {
            CloudMapState.Service service = state.services.get(arn.substring(services.length()));
            return service == null ? null : service.tags;
        }
        return null;
    }

    private static Map<String, String> taggable(Sandbox sandbox, ObjectNode input) {
        Map<String, String> tags = liveTags(sandbox, input.path("ResourceARN").asText(""));
        if (tags == null) {
            throw new AwsException("ResourceNotFoundException", "The operation can't be completed because the resource was not found.");
        }
        return tags;
    }

    /** Tags given on create or TagResource ([{Key, Value}]), at most 50 on a resource. */
    private static void putTags(Map<String, String> tags, JsonNode requested) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        requested.forEach(tag -> all.put(tag.path("Key").asText(), tag.path("Value").asText("")));
        if (all.size() > 50) {
            throw new AwsException("TooManyTagsException", "The resource can't be created because you've reached the quota on the"
                    + " number of tags that you can associate with a resource.");
        }
        tags.putAll(all);
    }

    private static JsonNode tagResource(Sandbox sandbox, ObjectNode input) {
        putTags(taggable(sandbox, input), input.path("Tags"));
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode untagResource(Sandbox sandbox, ObjectNode input) {
        Map<String, String> tags = taggable(sandbox, input);
        input.path("TagKeys").forEach(key -> tags.remove(key.asText()));
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode listTagsForResource(Sandbox sandbox, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode tags = result.putArray("Tags");
        taggable(sandbox, input).forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return result;
    }
}
