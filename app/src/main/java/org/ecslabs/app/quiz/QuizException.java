package org.ecslabs.app.quiz;

/** A quiz request that cannot be carried out, with the kind of failure the web layer maps to a status. */
public class QuizException extends RuntimeException {
    /** What went wrong, as HTTP would say it. */
    public enum Kind { NOT_FOUND, CONFLICT, BAD_INPUT }

    private final Kind kind;

    public QuizException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
