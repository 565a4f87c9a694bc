package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How a response is written back: the flavour of the request decides (JSON 1.0 or 1.1 mirror
 * the request's content type; the query protocol writes XML, EC2 its own XML variant).
 */
public enum WireFormat {
    JSON_1_0("application/x-amz-json-1.0"),
    JSON_1_1("application/x-amz-json-1.1"),
    QUERY("text/xml"),
    /** Smithy RPC v2 CBOR: the AWS CLI and boto3 call CloudWatch this way. */
    RPC_V2_CBOR(Cbor.CONTENT_TYPE),
    EC2("text/xml;charset=UTF-8");

    public static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The JSON flavour when the request names an operation in X-Amz-Target, else the query protocol. */
    public static WireFormat of(WireRequest request) {
        if ("rpc-v2-cbor".equals(request.header("smithy-protocol"))) {
            return RPC_V2_CBOR;
        }
        if (request.header("X-Amz-Target") == null) {
            return QUERY;
        }
        String contentType = request.header("Content-Type");
        return contentType != null && contentType.contains("json-1.0") ? JSON_1_0 : JSON_1_1;
    }

    public boolean isJson() {
        return this == JSON_1_0 || this == JSON_1_1;
    }

    /**
     * A successful response.
     *
     * @param namespace the XML namespace of a query service (ignored for JSON and EC2)
     */
    public WireResponse success(String operation, String namespace, String requestId, JsonNode output) {
        return switch (this) {
            case JSON_1_0, JSON_1_1 -> respond(200, requestId, json(output == null ? JSON.createObjectNode() : output));
            case QUERY -> {
                Xml xml = new Xml().open(operation + "Response", namespace);
                if (output != null && !output.isNull()) {
                    xml.open(operation + "Result").content(output, "member").close(operation + "Result");
                }
                xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                        .close(operation + "Response");
                yield respond(200, requestId, xml.toString());
            }
            case RPC_V2_CBOR -> cbor(200, requestId, Map.of(), output);
            case EC2 -> respond(200, requestId, new Xml().open(operation + "Response", EC2_NAMESPACE)
                    .element("requestId", requestId)
                    .content(output, "item")
                    .close(operation + "Response").toString());
        };
    }

    public WireResponse error(AwsException error, String requestId) {
        String code = isJson() || this == RPC_V2_CBOR ? error.code() : queryCode(error.code());
        String message = error.getMessage() == null ? "" : error.getMessage();
        return switch (this) {
            case JSON_1_0, JSON_1_1 -> {
                ObjectNode body = JSON.createObjectNode().put("__type", code).put("message", message);
                yield respond(error.status(), requestId, json(body));
            }
            case RPC_V2_CBOR -> {
                ObjectNode body = JSON.createObjectNode().put("__type", code).put("message", message);
                // CloudWatch is query-compatible: this header carries the code its query clients know.
                String fault = error.status() >= 500 ? "Receiver" : "Sender";
                yield cbor(queryStatus(error), requestId,
                        Map.of("x-amzn-query-error", queryCode(error.code()) + ";" + fault), body);
            }
            case QUERY -> respond(queryStatus(error), requestId, new Xml().open("ErrorResponse")
                    .open("Error").element("Type", error.status() >= 500 ? "Receiver" : "Sender")
                    .element("Code", code).element("Message", message).close("Error")
                    .element("RequestId", requestId).close("ErrorResponse").toString());
            case EC2 -> respond(queryStatus(error), requestId, new Xml().open("Response")
                    .open("Errors").open("Error").element("Code", code).element("Message", message)
                    .close("Error").close("Errors")
                    .element("RequestID", requestId).close("Response").toString());
        };
    }

    /** The query protocol's names for the authentication errors. */
    private static String queryCode(String jsonCode) {
        return switch (jsonCode) {
            case SigV4Verifier.MISSING -> "MissingAuthenticationToken";
            case SigV4Verifier.UNKNOWN_KEY -> "InvalidClientTokenId";
            case SigV4Verifier.BAD_SIGNATURE -> "SignatureDoesNotMatch";
            case "IncompleteSignatureException" -> "IncompleteSignature";
            default -> jsonCode;
        };
    }

    private static int queryStatus(AwsException error) {
        return switch (error.code()) {
            case SigV4Verifier.MISSING, SigV4Verifier.UNKNOWN_KEY, SigV4Verifier.BAD_SIGNATURE -> 403;
            default -> error.status();
        };
    }

    private WireResponse respond(int status, String requestId, String body) {
        return new WireResponse(status, contentType, Map.of("x-amzn-RequestId", requestId),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private WireResponse cbor(int status, String requestId, Map<String, String> headers, JsonNode body) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("x-amzn-RequestId", requestId);
        all.put("smithy-protocol", "rpc-v2-cbor");
        return new WireResponse(status, contentType, all, Cbor.write(body == null ? JSON.createObjectNode() : body));
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
