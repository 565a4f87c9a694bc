package org.ecslabs.app;

/**
 * A setting that cannot be used: the message names the setting and the fix, and Main prints it
 * on one line before exiting with status 2.
 */
public class ConfigException extends RuntimeException {
    private final String setting;

    public ConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    public ConfigException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
