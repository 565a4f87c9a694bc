package org.ecslabs.app.web;

import io.javalin.http.HttpResponseException;

/**
 * A form that cannot be accepted as sent: {@link ErrorHandling} answers with {@code status} and the
 * form's own page again ({@code template} with {@code page}, which carries the message in place),
 * so the learner corrects it where they typed it. On /api paths it is a plain JSON error.
 */
public final class FormRejected extends HttpResponseException {
    private final transient String template;
    private final transient Object page;

    public FormRejected(int status, String message, String template, Object page) {
        super(status, message);
        this.template = template;
        this.page = page;
    }

    String template() {
        return template;
    }

    Object page() {
        return page;
    }
}
