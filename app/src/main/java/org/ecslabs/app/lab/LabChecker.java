package org.ecslabs.app.lab;

/**
 * Runs a whole lab's checks, or one step's, against one back end.
 * Thread-safe as the {@link CheckEngine} is.
 */
public final class LabChecker {

    private final CheckEngine engine;

    public LabChecker(CheckEngine engine) {
        this.engine = engine;
    }

    public LabRun check(Lab lab) {
        return LabRun.of(lab.id(), engine.run(lab.checks()));
    }

    /** Step {@code number}'s checks (counted from 1); an unknown step is an {@link IllegalArgumentException}. */
    public LabRun checkStep(Lab lab, int number) {
        Step step = lab.step(number).orElseThrow(() -> new IllegalArgumentException(
                "lab " + lab.id() + " has no step " + number + " (it has " + lab.steps().size() + ")"));
        return LabRun.of(lab.id(), engine.run(step.checks()));
    }
}
