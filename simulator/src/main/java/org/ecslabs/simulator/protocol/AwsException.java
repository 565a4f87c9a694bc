package org.ecslabs.simulator.protocol;

/**
 * An error as AWS reports it: an error code (the JSON {@code __type}, the XML {@code Code}),
 * a message worded as AWS words it, and an HTTP status (400 unless said otherwise).
 */
public class AwsException extends RuntimeException {
    private final String code;
    private final int status;

    public AwsException(String code, String message) {
        this(code, message, 400);
    }

    public AwsException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** ECS's catch-all for a request it will not carry out. */
    public static AwsException clientException(String message) {
        return new AwsException("ClientException", message);
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    /** The operation is not one this service knows (or not yet one the simulator models). */
    public static AwsException unknownOperation(String operation) {
        return new AwsException("UnknownOperationException", "Operation " + operation + " is not supported.");
    }
}
