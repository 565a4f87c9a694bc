package org.ecslabs.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.ecslabs.app.aws.AwsClients;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * One AWS operation, found by its service's AWS CLI name and its API name
 * ({@code application-autoscaling}, {@code DescribeScalingPolicies}) on the SDK client interface.
 *
 * @param service   the AWS CLI service name
 * @param name      the API operation name, e.g. DescribeServices
 * @param method    the client method that takes the request object
 */
public record Operation(String service, String name, Method method) {

    /** The operation, or an {@link OperationException} naming what is unknown. */
    public static Operation find(String service, String operationName) {
        AwsClients.Service known = AwsClients.service(service).orElseThrow(() -> new OperationException(
                OperationException.Kind.UNKNOWN_OPERATION,
                "unknown service '" + service + "' (known: " + String.join(", ", AwsClients.serviceNames()) + ")"));
        return requestMethods(known.clientType())
                .filter(method -> capitalize(method.getName()).equals(operationName))
                .findFirst()
                .map(method -> new Operation(service, operationName, method))
                .orElseThrow(() -> new OperationException(OperationException.Kind.UNKNOWN_OPERATION,
                        "unknown operation '" + operationName + "' of service " + service));
    }

    /**
     * The operation named as the AWS CLI names it ({@code describe-services}), if there is one.
     * The CLI's kebab name is the API name with hyphens before its words, so hyphens and case are ignored.
     */
    public static Optional<Operation> findByCliName(String service, String cliOperation) {
        Optional<AwsClients.Service> known = AwsClients.service(service);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        String wanted = cliOperation.replace("-", "").toLowerCase(Locale.ROOT);
        return requestMethods(known.get().clientType())
                .filter(method -> method.getName().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .map(method -> new Operation(service, capitalize(method.getName()), method));
    }

    /** The request's top-level members as the API names them. */
    public List<String> inputMembers() {
        return requestBuilder().sdkFields().stream().map(SdkField::memberName).toList();
    }

    /** The request's top-level member fields, for type-directed parsing of CLI values. */
    public List<SdkField<?>> inputFields() {
        return requestBuilder().sdkFields();
    }

    /** Builds the SDK request from a tree in the API's member names; unknown members are refused. */
    public SdkRequest request(JsonNode input) {
        return (SdkRequest) SdkTrees.toPojo(requestBuilder(), input, name);
    }

    @SuppressWarnings("unchecked")
    Class<? extends SdkRequest> requestType() {
        return (Class<? extends SdkRequest>) method.getParameterTypes()[0];
    }

    private SdkPojo requestBuilder() {
        try {
            return (SdkPojo) requestType().getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the SDK request " + requestType().getName() + " has no builder", e);
        }
    }

    private static Stream<Method> requestMethods(Class<?> clientType) {
        // Sorted so that the choice never depends on reflection order.
        return Arrays.stream(clientType.getMethods())
                .filter(method -> method.getParameterCount() == 1)
                .filter(method -> SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0]))
                .sorted(Comparator.comparing(Method::getName));
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
