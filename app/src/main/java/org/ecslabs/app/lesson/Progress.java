package org.ecslabs.app.lesson;

/** How far a learner is through a set of lessons, for progress bars. */
public record Progress(int completed, int total) {

    /** Whole percent, 0 when there is nothing to complete. */
    public int percent() {
        return total == 0 ? 0 : completed * 100 / total;
    }
}
