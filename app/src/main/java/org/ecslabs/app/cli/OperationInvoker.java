package org.ecslabs.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import org.ecslabs.app.aws.AwsClients;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs any AWS operation a lab names ({@code ecs:DescribeServices}) with an input in the API's own
 * member names, and gives the response as a tree in those names: what the AWS CLI's {@code --query}
 * sees. Errors come back as {@link OperationException}s with readable messages.
 * Thread-safe: it holds only the thread-safe {@link AwsClients}.
 */
public final class OperationInvoker {

    private final AwsClients clients;

    public OperationInvoker(AwsClients clients) {
        this.clients = clients;
    }

    public AwsClients clients() {
        return clients;
    }

    /** Runs {@code service:operation} with {@code input} (null or an object). */
    public ObjectNode invoke(String service, String operation, JsonNode input) {
        return invoke(Operation.find(service, operation), input);
    }

    public ObjectNode invoke(Operation operation, JsonNode input) {
        SdkRequest request = operation.request(input);
        Object client = clients.client(operation.service());
        try {
            Object response = operation.method().invoke(client, request);
            return SdkTrees.toTree((SdkPojo) response);
        } catch (InvocationTargetException e) {
            throw readable(operation, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + operation.method(), e);
        }
    }

    private OperationException readable(Operation operation, Throwable failure) {
        if (failure instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? null : details.errorMessage();
            if (code == null || code.isBlank()) {
                code = "HTTP " + aws.statusCode();
            }
            if (message == null || message.isBlank()) {
                message = "no message";
            }
            return new OperationException(OperationException.Kind.AWS_ERROR, code, code + ": " + message);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new OperationException(OperationException.Kind.TIMEOUT,
                    operation.service() + ":" + operation.name() + " got no answer in time; try again in a moment");
        }
        if (failure instanceof SdkClientException client) {
            String where = clients.backend().endpoint().map(Object::toString).orElse("AWS");
            return new OperationException(OperationException.Kind.UNREACHABLE,
                    "could not call " + operation.service() + ":" + operation.name() + " at " + where + ": "
                            + firstLine(rootMessage(client)));
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == failure ? message : failure.getMessage() + " (" + message + ")";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
