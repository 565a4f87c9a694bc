package org.ecslabs.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.support.SdkClients;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A seeded fuzz run: a few thousand signed, malformed requests over every protocol and service the
 * simulator registers (long and odd regions, bad % escapes, deep keys, deep JSON, wrong member
 * types from the API models, junk targets and actions, gzip bombs, huge headers). No answer may
 * be a 5xx, and afterwards the server still answers and the account can still create and describe.
 */
class WireFuzzTest {
    private static final long SEED = 20261203L;
    private static final int REQUESTS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    static SimulatorFixture simulator;
    static JsonNode model;
    static byte[] gzipBomb;

    @BeforeAll
    static void start() throws IOException {
        simulator = SimulatorFixture.paused();
        try (InputStream in = WireFuzzTest.class.getResourceAsStream("input-shapes.json")) {
            model = JSON.readTree(in);
        }
        gzipBomb = gzipOfZeros(64L * 1024 * 1024);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void malformedSignedRequestsGetClientErrorsAndLeaveTheAccountUsable() {
        Random random = new Random(SEED);
        List<AwsService> services = simulator.simulator().services();
        Map<String, Integer> serverErrors = new TreeMap<>();
        Map<String, Integer> sent = new TreeMap<>();
        Map<String, Long> millis = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            AwsService service = services.get(random.nextInt(services.size()));
            Case request = fuzzCase(random, service);
            SignedHttp.Response response;
            long started = System.nanoTime();
            try {
                response = SignedHttp.send(URI.create(simulator.endpoint() + request.path), "POST", "test", "test",
                        request.region,
                        service.signingName(), request.headers, request.body);
            } catch (RuntimeException e) {
                // The JDK client refuses some headers itself (control characters): nothing reached the server.
                continue;
            }
            sent.merge(request.kind, 1, Integer::sum);
            millis.merge(request.kind, (System.nanoTime() - started) / 1_000_000, Long::sum);
            if (response.status() >= 500) {
                serverErrors.merge(request.kind + " " + service.signingName() + ": " + abbreviate(response.body()), 1,
                        Integer::sum);
            }
        }
        int total = serverErrors.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("wire fuzz: %d requests sent by kind %s (milliseconds by kind %s); %d answered 5xx%n",
                sent.values().stream().mapToInt(Integer::intValue).sum(), sent, millis, total);
        serverErrors.forEach((what, count) -> System.out.printf("  %5d x %s%n", count, what));
        assertThat(serverErrors).isEmpty();

        try (EcsClient ecs = SdkClients.build(EcsClient.builder(), simulator.endpoint(), SimulatorFixture.REGION)) {
            ecs.createCluster(r -> r.clusterName("after-the-fuzz"));
            assertThat(ecs.describeClusters(r -> r.clusters("after-the-fuzz")).clusters())
                    .singleElement().satisfies(c -> assertThat(c.clusterName()).isEqualTo("after-the-fuzz"));
        }
    }

    private record Case(String kind, String region, Map<String, String> headers, byte[] body, String path) {
        Case(String kind, String region, Map<String, String> headers, byte[] body) {
            this(kind, region, headers, body, "");
        }
    }

    private static Case fuzzCase(Random random, AwsService service) {
        int roll = random.nextInt(100);
        boolean json = service.protocol() == Protocol.AWS_JSON_1_1;
        if (roll < 10) {
            return new Case("region", oddRegion(random), json ? jsonHeaders(service, anyOperation(random, service))
                    : Map.of("Content-Type", FORM), json ? "{}".getBytes() : "Action=DescribeAccountLimits".getBytes());
        }
        if (roll < 12) {
            Map<String, String> headers = new LinkedHashMap<>(json
                    ? jsonHeaders(service, anyOperation(random, service)) : Map.of("Content-Type", FORM));
            headers.put("Content-Encoding", "gzip");
            byte[] body = random.nextBoolean() ? gzipBomb : "not gzip at all".getBytes();
            return new Case("gzip", SimulatorFixture.REGION, headers, body);
        }
        if (roll < 17) {
            Map<String, String> headers = new LinkedHashMap<>(json
                    ? jsonHeaders(service, anyOperation(random, service)) : Map.of("Content-Type", FORM));
            headers.put("X-Junk", "j".repeat(20_000 + random.nextInt(50_000)));
            return new Case("header", SimulatorFixture.REGION, headers, json ? "{}".getBytes() : "Action=X".getBytes());
        }
        if (roll < 22) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", random.nextBoolean() ? JSON_11 : "application/cbor");
            headers.put("X-Amz-Target", junk(random));
            if (random.nextBoolean()) {
                headers.put("smithy-protocol", "rpc-v2-cbor");
            }
            return new Case("target", SimulatorFixture.REGION, headers, junkBytes(random));
        }
        if (roll < 60 && service.targetPrefix() != null && !json) {
            // Smithy RPC v2 CBOR (CloudWatch): the operation in the path, the input as CBOR.
            String operation = anyOperation(random, service);
            byte[] body;
            try {
                body = random.nextInt(5) == 0 ? junkBytes(random)
                        : CBOR.writeValueAsBytes(JSON.readTree(jsonBody(random, service, operation)));
            } catch (IOException e) {
                body = junkBytes(random);
            }
            return new Case("cbor", SimulatorFixture.REGION, Map.of("Content-Type", "application/cbor",
                    "smithy-protocol", "rpc-v2-cbor"), body,
                    "/service/" + service.targetPrefix() + "/operation/" + operation);
        }
        if (json) {
            String operation = anyOperation(random, service);
            return new Case("json", SimulatorFixture.REGION, jsonHeaders(service, operation),
                    jsonBody(random, service, operation).getBytes());
        }
        return new Case("query", SimulatorFixture.REGION, Map.of("Content-Type", FORM),
                queryBody(random, service).getBytes());
    }

    private static Map<String, String> jsonHeaders(AwsService service, String operation) {
        return Map.of("Content-Type", JSON_11, "X-Amz-Target", service.targetPrefix() + "." + operation);
    }

    private static String anyOperation(Random random, AwsService service) {
        List<String> names = operations(service);
        if (names.isEmpty() || random.nextInt(10) == 0) {
            return random.nextBoolean() ? junk(random) : "";
        }
        return names.get(random.nextInt(names.size()));
    }

    private static List<String> operations(AwsService service) {
        String key = service.targetPrefix() != null ? service.targetPrefix() : service.signingName();
        List<String> names = new ArrayList<>();
        model.path("operations").path(key).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode inputShape(AwsService service, String operation) {
        String key = service.targetPrefix() != null ? service.targetPrefix() : service.signingName();
        return model.path("shapes").path(model.path("operations").path(key).path(operation).asText());
    }

    private static String oddRegion(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "us-east-1-" + "x".repeat(60 + random.nextInt(400));
            case 1 -> "US_EAST_1";
            case 2 -> "../../etc";
            case 3 -> "us-east-1%00";
            case 4 -> "r" + random.nextInt(1000) + ".local";
            default -> "x".repeat(65);
        };
    }

    private static String jsonBody(Random random, AwsService service, String operation) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return "{\"a\":" + "[".repeat(3000 + random.nextInt(5000));
        }
        if (roll == 1) {
            return random.nextBoolean() ? "{\"unterminated\": \"" : "[1,2,3]";
        }
        if (roll == 2) {
            return "{\"x\":\"" + "y".repeat(1_000 + random.nextInt(50_000)) + "\"}";
        }
        ObjectNode body = JSON.createObjectNode();
        JsonNode shape = inputShape(service, operation).path("structure");
        Iterator<Map.Entry<String, JsonNode>> members = shape.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (random.nextInt(3) == 0) {
                body.set(member.getKey(), wrongValue(random, kind(member.getValue().asText())));
            }
        }
        if (body.isEmpty()) {
            body.set("junk" + random.nextInt(10), wrongValue(random, "none"));
        }
        return body.toString();
    }

    private static String kind(String shapeName) {
        if (!shapeName.contains(":")) {
            return shapeName;
        }
        return model.path("shapes").path(shapeName).fieldNames().next();
    }

    /** A JSON value of some type other than the model's (never a valid number: no heavy valid work). */
    private static JsonNode wrongValue(Random random, String kind) {
        while (true) {
            JsonNode candidate = switch (random.nextInt(6)) {
                case 0 -> JSON.getNodeFactory().textNode("x" + random.nextInt(100));
                case 1 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
                case 2 -> JSON.createObjectNode().put("k", "v");
                case 3 -> JSON.createArrayNode().add("a").add(JSON.createObjectNode());
                case 4 -> JSON.getNodeFactory().numberNode(random.nextBoolean() ? -1.5 : 1e300);
                default -> JSON.getNodeFactory().nullNode();
            };
            if (!fits(candidate, kind)) {
                return candidate;
            }
        }
    }

    private static boolean fits(JsonNode value, String kind) {
        return switch (kind) {
            case "structure", "map" -> value.isObject();
            case "list" -> value.isArray();
            case "boolean" -> value.isBoolean();
            case "integer", "long", "double", "float", "timestamp" -> value.isNumber();
            case "string", "blob" -> value.isTextual();
            default -> value.isNull();
        };
    }

    private static String queryBody(Random random, AwsService service) {
        String operation = anyOperation(random, service);
        String action = "Action=" + operation + "&Version=2015-12-01";
        int roll = random.nextInt(24);
        return switch (roll) {
            case 0 -> "Action=%zz";
            case 1 -> action + "&Names.member.%zz=1";
            case 2 -> action + "&%=1&a=%4";
            case 3 -> action + "&" + "a.".repeat(1000 + random.nextInt(5000)) + "b=1";
            case 4 -> action + "&Names.member.99999999999=1&Names.member.-1=2";
            case 5 -> {
                StringBuilder many = new StringBuilder(action);
                for (int i = 0; i <= RequestLimits.MAX_PARAMETERS; i++) {
                    many.append("&P").append(i).append("=1");
                }
                yield many.toString();
            }
            case 6 -> "Action=" + junk(random);
            default -> action + wrongQueryMembers(random, service, operation);
        };
    }

    /** Form parameters shaped unlike the model: a leaf where it wants a structure, and the reverse. */
    private static String wrongQueryMembers(Random random, AwsService service, String operation) {
        StringBuilder out = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> members = inputShape(service, operation).path("structure").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = member.getKey();
            String kind = kind(member.getValue().asText());
            String wrong = switch (kind) {
                case "structure" -> name + "=flat";
                case "list" -> random.nextBoolean() ? name + "=flat" : name + ".member.x.y=1";
                case "map" -> name + ".entry.1.value.x=1";
                case "integer", "long", "double" -> name + (random.nextBoolean() ? "=abc" : "=99999999999999999999999");
                case "boolean" -> name + "=maybe";
                default -> name + ".member.1.Key=" + (random.nextBoolean() ? "v" : "%E0%A4%A");
            };
            if (random.nextBoolean()) {
                out.append('&').append(wrong);
            }
        }
        return out.toString();
    }

    private static String junk(Random random) {
        String[] parts = {"", ".", "..", "X", "Op", "%zz", "EcsLabsSimulator.", "\u00e9", "a".repeat(300), "Create",
                "AmazonEC2ContainerServiceV20141113", "/service/x/operation/y"};
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        return out.toString();
    }

    private static byte[] junkBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] gzipOfZeros(long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) : oneLine;
    }
}
