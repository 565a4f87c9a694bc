package org.ecslabs.app.aws;

import io.javalin.http.Context;
import java.net.URI;

/**
 * Solo mode's sandbox: the simulator this app serves at /aws, called over HTTP like any AWS
 * endpoint with the solo credentials, so checks and the console see exactly what the learner's
 * CLI sees. The port is the one the request arrived on, so it is right whatever PORT says.
 */
public final class SoloSandbox {
    private SoloSandbox() {
    }

    public static Backend of(Context ctx) {
        return Backend.endpoint(URI.create("http://127.0.0.1:" + ctx.req().getLocalPort() + "/aws"), "us-east-1",
                "test", "test");
    }
}
