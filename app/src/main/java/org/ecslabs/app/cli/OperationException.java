package org.ecslabs.app.cli;

/**
 * An AWS operation that could not be run or that AWS refused, with a message a learner can read
 * (never a stack trace): {@code ClusterNotFoundException: Cluster not found.}
 */
public class OperationException extends RuntimeException {

    /** Why the operation did not give a response. */
    public enum Kind {
        /** The lab names a service or operation we do not know. */
        UNKNOWN_OPERATION,
        /** The input names an unknown member or has a value of the wrong type. */
        INVALID_INPUT,
        /** AWS (or the simulator) answered with an error. */
        AWS_ERROR,
        /** The back end could not be reached. */
        UNREACHABLE,
        /** No answer within the time limit. */
        TIMEOUT
    }

    private final Kind kind;
    private final String errorCode;

    public OperationException(Kind kind, String message) {
        this(kind, null, message);
    }

    public OperationException(Kind kind, String errorCode, String message) {
        super(message);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The AWS error code for {@link Kind#AWS_ERROR}, such as {@code ClusterNotFoundException}; otherwise null. */
    public String errorCode() {
        return errorCode;
    }
}
