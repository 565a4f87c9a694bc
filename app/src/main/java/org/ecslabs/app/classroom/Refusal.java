package org.ecslabs.app.classroom;

import io.javalin.http.HttpResponseException;

/** A request the classroom cannot honour, with words the person can act on; web/ErrorHandling answers it. */
final class Refusal extends HttpResponseException {
    Refusal(int status, String message) {
        super(status, message);
    }

    static Refusal badRequest(String message) {
        return new Refusal(400, message);
    }
}
