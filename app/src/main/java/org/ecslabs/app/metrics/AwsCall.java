package org.ecslabs.app.metrics;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.simulator.protocol.WireRequest;
import org.ecslabs.simulator.protocol.WireResponse;

/**
 * The labels of one call to {@code /aws}: the service from the signature's credential scope, the
 * operation from {@code X-Amz-Target}, {@code Action} or the RPC v2 path, and the error code the
 * answer carries ("" when it succeeded). Everything here comes from the client: a value that does
 * not look like an AWS name becomes "other", so a stranger cannot grow the label sets.
 */
record AwsCall(String service, String operation, String errorCode) {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/([^/,\\s]+)/aws4_request");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9.-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]{1,100})");
    private static final Pattern RPC_PATH = Pattern.compile("/service/[^/]+/operation/([^/?]+)");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern JSON_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"([^\"]{1,200})\"");
    /** How much of a body is searched for the Action or error code: both come first in what AWS clients send. */
    private static final int SCAN = 4096;

    static AwsCall of(WireRequest request, WireResponse response) {
        return new AwsCall(service(request), operation(request), response.status() < 400 ? "" : errorCode(response));
    }

    private static String service(WireRequest request) {
        String authorization = request.header("Authorization");
        Matcher scope = authorization == null ? null : SCOPE.matcher(authorization);
        return scope != null && scope.find() ? name(scope.group(1)) : "unsigned";
    }

    private static String operation(WireRequest request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            return name(target.substring(target.lastIndexOf('.') + 1));
        }
        Matcher rpc = RPC_PATH.matcher(request.path());
        if (rpc.find()) {
            return name(rpc.group(1));
        }
        for (String form : new String[] {request.rawQuery(), head(request.body())}) {
            Matcher action = form == null ? null : ACTION.matcher(form);
            if (action != null && action.find()) {
                return name(URLDecoder.decode(action.group(1), StandardCharsets.UTF_8));
            }
        }
        return "other";
    }

    private static String errorCode(WireResponse response) {
        String queryError = response.headers().get("x-amzn-query-error");
        if (queryError != null) {
            return name(queryError.split(";", 2)[0]);
        }
        String body = head(response.body());
        Matcher json = JSON_TYPE.matcher(body);
        if (json.find()) {
            // A JSON error type may carry a namespace ("com.amazonaws.ecs#ClientException") as in AWS.
            String type = json.group(1);
            return name(type.substring(type.lastIndexOf('#') + 1));
        }
        Matcher xml = XML_CODE.matcher(body);
        return xml.find() ? name(xml.group(1)) : "HTTP" + response.status();
    }

    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, SCAN), StandardCharsets.ISO_8859_1);
    }

    private static String name(String value) {
        return value != null && NAME.matcher(value).matches() ? value : "other";
    }
}
