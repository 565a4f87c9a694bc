package org.ecslabs.app.lab;

import java.util.List;

/**
 * The result of running a lab's checks (or one step's), in the shape of the labs API:
 * {@code {"lab", "passed", "total", "checks": [{"id", "title", "passed", "message"}]}}.
 *
 * @param passed how many checks passed
 * @param total  how many checks ran
 */
public record LabRun(String lab, int passed, int total, List<CheckResult> checks) {

    public static LabRun of(String lab, List<CheckResult> checks) {
        int passed = (int) checks.stream().filter(CheckResult::passed).count();
        return new LabRun(lab, passed, checks.size(), List.copyOf(checks));
    }

    /** Whether every check passed. */
    public boolean complete() {
        return total > 0 && passed == total;
    }
}
