package org.ecslabs.app.cli;

/**
 * A command the CLI refuses with its own words and exit code rather than a usage error: a bad
 * {@code --query} ("Bad value for --query ...", 255, as the AWS CLI answers) or a shell limit of this
 * console (a variable too large to keep).
 */
public final class CommandRefused extends RuntimeException {
    /** The AWS CLI's exit code for an error that is neither a usage error nor the service's. */
    public static final int OTHER_ERROR = 255;

    private final int exitCode;

    public CommandRefused(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
