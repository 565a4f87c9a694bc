package org.ecslabs.app.lab;

/** The outcome of one check, as the labs API returns it. */
public record CheckResult(String id, String title, boolean passed, String message) {

    static CheckResult pass(Check check) {
        return new CheckResult(check.id(), check.title(), true, "Passed.");
    }

    static CheckResult fail(Check check, String found) {
        return new CheckResult(check.id(), check.title(), false, check.fail() + " (" + found + ")");
    }
}
