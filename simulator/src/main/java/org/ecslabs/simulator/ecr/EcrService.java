package org.ecslabs.simulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * Amazon ECR: repositories and the images in them. Nothing is really pushed: the control
 * operation {@code PushImage} records an image as a docker push would.
 */
public class EcrService implements AwsService, TaggedResources {
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final long LIFECYCLE_EVERY_MILLIS = Duration.ofHours(1).toMillis();
    static final String MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerRegistry_V20150921";
    }

    @Override
    public Class<?> stateType() {
        return EcrState.class;
    }

    @Override
    public Set<String> controlOperations() {
        return Set.of("PushImage");
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        EcrState state = sandbox.state(EcrState.class);
        return switch (operation) {
            case "CreateRepository" -> createRepository(sandbox, state, input);
            case "DescribeRepositories" -> describeRepositories(sandbox, state, input);
            case "DeleteRepository" -> deleteRepository(sandbox, state, input);
            case "DescribeImages" -> describeImages(sandbox, state, input);
            case "ListImages" -> listImages(sandbox, state, input);
            case "BatchGetImage" -> batchGetImage(sandbox, state, input);
            case "BatchDeleteImage" -> batchDeleteImage(sandbox, state, input);
            case "PutImageScanningConfiguration" -> putImageScanningConfiguration(sandbox, state, input);
            case "PutImageTagMutability" -> putImageTagMutability(sandbox, state, input);
            case "StartImageScan" -> startImageScan(sandbox, state, input);
            case "DescribeImageScanFindings" -> describeImageScanFindings(sandbox, state, input);
            case "GetAuthorizationToken" -> getAuthorizationToken(sandbox);
            case "PutLifecyclePolicy" -> putLifecyclePolicy(sandbox, state, input);
            case "GetLifecyclePolicy" -> lifecyclePolicy(sandbox, state, input, false);
            case "DeleteLifecyclePolicy" -> lifecyclePolicy(sandbox, state, input, true);
            case "PushImage" -> pushImage(sandbox, state, input);
            case "TagResource" -> tagResource(sandbox, state, input);
            case "UntagResource" -> untagResource(sandbox, state, input);
            case "ListTagsForResource" -> listTagsForResource(sandbox, state, input);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    /** Lifecycle policies run once a simulated hour (AWS: within 24 hours of a change). */
    @Override
    public boolean tick(Sandbox sandbox) {
        long now = sandbox.now().toEpochMilli();
        boolean changed = false;
        for (EcrState.Repository repository : sandbox.state(EcrState.class).repositories.values()) {
            if (repository.lifecyclePolicy == null
                    || repository.lifecycleEvaluatedMillis != null && now - repository.lifecycleEvaluatedMillis < LIFECYCLE_EVERY_MILLIS) {
                continue;
            }
            repository.lifecycleEvaluatedMillis = now;
            repository.images.keySet().removeAll(LifecyclePolicies.expired(repository, now));
            changed = true;
        }
        return changed;
    }

    private JsonNode putLifecyclePolicy(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        String text = input.path("lifecyclePolicyText").asText("");
        LifecyclePolicies.rules(text);
        repository.lifecyclePolicy = text;
        // The first evaluation comes an hour after the change.
        repository.lifecycleEvaluatedMillis = sandbox.now().toEpochMilli();
        return JsonNodeFactory.instance.objectNode().put("registryId", sandbox.accountId())
                .put("repositoryName", repository.name).put("lifecyclePolicyText", text);
    }

    private JsonNode lifecyclePolicy(Sandbox sandbox, EcrState state, ObjectNode input, boolean delete) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        if (repository.lifecyclePolicy == null) {
            throw new AwsException("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name '"
                    + repository.name + "' in the registry with id '" + sandbox.accountId() + "'");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("registryId", sandbox.accountId())
                .put("repositoryName", repository.name).put("lifecyclePolicyText", repository.lifecyclePolicy);
        if (repository.lifecycleEvaluatedMillis != null) {
            result.put("lastEvaluatedAt", seconds(repository.lifecycleEvaluatedMillis));
        }
        if (delete) {
            repository.lifecyclePolicy = null;
            repository.lifecycleEvaluatedMillis = null;
        }
        return result;
    }

    private JsonNode createRepository(Sandbox sandbox, EcrState state, ObjectNode input) {
        String name = input.path("repositoryName").asText("");
        if (name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
            throw new AwsException("InvalidParameterException", "Invalid parameter at 'repositoryName' failed to satisfy"
                    + " constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
        if (state.repositories.containsKey(name)) {
            throw new AwsException("RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + sandbox.accountId() + "'");
        }
        EcrState.Repository repository = new EcrState.Repository();
        repository.name = name;
        repository.createdMillis = sandbox.now().toEpochMilli();
        repository.imageTagMutability = mutability(input.path("imageTagMutability").asText("MUTABLE"));
        repository.scanOnPush = input.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false);
        repository.encryptionType = input.path("encryptionConfiguration").path("encryptionType").asText("AES256");
        for (JsonNode tag : input.path("tags")) {
            repository.tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        state.repositories.put(name, repository);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("repository", repositoryNode(sandbox, repository));
        return result;
    }

    private JsonNode describeRepositories(Sandbox sandbox, EcrState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("repositories");
        if (input.path("repositoryNames").isEmpty()) {
            state.repositories.values().forEach(r -> list.add(repositoryNode(sandbox, r)));
        } else {
            for (JsonNode name : input.path("repositoryNames")) {
                list.add(repositoryNode(sandbox, repository(sandbox, state, name.asText())));
            }
        }
        return result;
    }

    private JsonNode deleteRepository(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        if (!repository.images.isEmpty() && !input.path("force").asBoolean(false)) {
            throw new AwsException("RepositoryNotEmptyException", "The repository with name '" + repository.name
                    + "' in registry with id '" + sandbox.accountId() + "' cannot be deleted because it still contains images");
        }
        state.repositories.remove(repository.name);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("repository", repositoryNode(sandbox, repository));
        return result;
    }

    private JsonNode describeImages(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        List<EcrState.Image> images = new ArrayList<>();
        if (input.path("imageIds").isEmpty()) {
            String tagStatus = input.path("filter").path("tagStatus").asText("ANY");
            for (EcrState.Image image : repository.images.values()) {
                if (tagStatus.equals("ANY") || tagStatus.equals("TAGGED") == !image.tags.isEmpty()) {
                    images.add(image);
                }
            }
        } else {
            for (JsonNode id : input.path("imageIds")) {
                EcrState.Image image = find(repository, id);
                if (image == null) {
                    throw new AwsException("ImageNotFoundException", "The image with imageId {imageDigest:'"
                            + id.path("imageDigest").asText("null") + "', imageTag:'" + id.path("imageTag").asText("null")
                            + "'} does not exist within the repository with name '" + repository.name
                            + "' in the registry with id '" + sandbox.accountId() + "'");
                }
                images.add(image);
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("imageDetails");
        for (EcrState.Image image : images) {
            ObjectNode node = list.addObject()
                    .put("registryId", sandbox.accountId())
                    .put("repositoryName", repository.name)
                    .put("imageDigest", image.digest);
            if (!image.tags.isEmpty()) {
                ArrayNode tags = node.putArray("imageTags");
                image.tags.forEach(tags::add);
            }
            node.put("imageSizeInBytes", image.sizeInBytes).put("imagePushedAt", seconds(image.pushedMillis));
            if (image.scanStatus != null) {
                node.putObject("imageScanStatus").put("status", image.scanStatus)
                        .put("description", "The scan was completed successfully.");
                ObjectNode summary = node.putObject("imageScanFindingsSummary")
                        .put("imageScanCompletedAt", seconds(image.scanCompletedMillis))
                        .put("vulnerabilitySourceUpdatedAt", seconds(image.scanCompletedMillis - Duration.ofHours(6).toMillis()));
                ObjectNode counts = summary.putObject("findingSeverityCounts");
                image.findingSeverityCounts.forEach(counts::put);
            }
            node.put("imageManifestMediaType", MANIFEST_MEDIA_TYPE)
                    .put("artifactMediaType", "application/vnd.docker.container.image.v1+json");
            if (image.lastPulledMillis != null) {
                node.put("lastRecordedPullTime", seconds(image.lastPulledMillis));
            }
        }
        return result;
    }

    private JsonNode listImages(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        String tagStatus = input.path("filter").path("tagStatus").asText("ANY");
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode ids = result.putArray("imageIds");
        for (EcrState.Image image : repository.images.values()) {
            if (image.tags.isEmpty() && !tagStatus.equals("TAGGED")) {
                ids.addObject().put("imageDigest", image.digest);
            }
            if (!tagStatus.equals("UNTAGGED")) {
                image.tags.forEach(tag -> ids.addObject().put("imageDigest", image.digest).put("imageTag", tag));
            }
        }
        return result;
    }

    /** A batch call's failure entry for an image id the repository does not hold, as ECR words it. */
    private static void imageNotFound(ArrayNode failures, JsonNode id) {
        failures.addObject().<ObjectNode>set("imageId", id.deepCopy())
                .put("failureCode", "ImageNotFound").put("failureReason", "Requested image not found");
    }

    private JsonNode batchGetImage(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode images = result.putArray("images");
        ArrayNode failures = result.putArray("failures");
        for (JsonNode id : input.path("imageIds")) {
            EcrState.Image image = find(repository, id);
            if (image == null) {
                imageNotFound(failures, id);
                continue;
            }
            image.lastPulledMillis = sandbox.now().toEpochMilli();
            ObjectNode node = images.addObject().put("registryId", sandbox.accountId()).put("repositoryName", repository.name);
            ObjectNode imageId = node.putObject("imageId").put("imageDigest", image.digest);
            if (id.hasNonNull("imageTag")) {
                imageId.put("imageTag", id.path("imageTag").asText());
            }
            node.put("imageManifest", manifest(image)).put("imageManifestMediaType", MANIFEST_MEDIA_TYPE);
        }
        return result;
    }

    private JsonNode batchDeleteImage(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode deleted = result.putArray("imageIds");
        ArrayNode failures = result.putArray("failures");
        for (JsonNode id : input.path("imageIds")) {
            EcrState.Image image = find(repository, id);
            if (image == null) {
                imageNotFound(failures, id);
                continue;
            }
            if (id.hasNonNull("imageTag") && image.tags.size() > 1) {
                image.tags.remove(id.path("imageTag").asText());
            } else {
                repository.images.remove(image.digest);
            }
            deleted.add(id.deepCopy());
        }
        return result;
    }

    private JsonNode putImageScanningConfiguration(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        repository.scanOnPush = input.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false);
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("registryId", sandbox.accountId()).put("repositoryName", repository.name);
        result.putObject("imageScanningConfiguration").put("scanOnPush", repository.scanOnPush);
        return result;
    }

    private JsonNode putImageTagMutability(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        repository.imageTagMutability = mutability(input.path("imageTagMutability").asText(""));
        return JsonNodeFactory.instance.objectNode().put("registryId", sandbox.accountId())
                .put("repositoryName", repository.name).put("imageTagMutability", repository.imageTagMutability);
    }

    private JsonNode startImageScan(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        EcrState.Image image = find(repository, input.path("imageId"));
        if (image == null) {
            throw new AwsException("ImageNotFoundException", "The image with imageId {imageDigest:'"
                    + input.path("imageId").path("imageDigest").asText("null") + "', imageTag:'"
                    + input.path("imageId").path("imageTag").asText("null") + "'} does not exist within the repository with name '"
                    + repository.name + "' in the registry with id '" + sandbox.accountId() + "'");
        }
        scan(sandbox, image);
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("registryId", sandbox.accountId()).put("repositoryName", repository.name);
        result.set("imageId", input.path("imageId").deepCopy());
        result.putObject("imageScanStatus").put("status", "COMPLETE").put("description", "The scan was completed successfully.");
        return result;
    }

    private JsonNode describeImageScanFindings(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        JsonNode id = input.path("imageId");
        EcrState.Image image = find(repository, id);
        String described = "{imageDigest:'" + id.path("imageDigest").asText("null") + "', imageTag:'"
                + id.path("imageTag").asText("null") + "'}";
        if (image == null) {
            throw new AwsException("ImageNotFoundException", "The image with imageId " + described
                    + " does not exist within the repository with name '" + repository.name + "' in the registry with id '"
                    + sandbox.accountId() + "'");
        }
        if (image.scanStatus == null) {
            throw new AwsException("ScanNotFoundException", "Image scan does not exist for the image with '" + described
                    + "' in the repository with name '" + repository.name + "' in the registry with id '" + sandbox.accountId() + "'");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("registryId", sandbox.accountId()).put("repositoryName", repository.name);
        ObjectNode imageId = result.putObject("imageId").put("imageDigest", image.digest);
        if (!image.tags.isEmpty()) {
            imageId.put("imageTag", image.tags.get(0));
        }
        result.putObject("imageScanStatus").put("status", image.scanStatus).put("description", "The scan was completed successfully.");
        ObjectNode findings = result.putObject("imageScanFindings")
                .put("imageScanCompletedAt", seconds(image.scanCompletedMillis))
                .put("vulnerabilitySourceUpdatedAt", seconds(image.scanCompletedMillis - Duration.ofHours(6).toMillis()));
        ArrayNode list = findings.putArray("findings");
        int n = 0;
        for (var entry : image.findingSeverityCounts.entrySet()) {
            for (int i = 0; i < entry.getValue(); i++) {
                String cve = "CVE-20" + (20 + (n % 5)) + "-" + (10_000 + Integer.parseInt(image.digest.substring(7 + n % 50, 11 + n % 50), 16) % 40_000);
                ObjectNode finding = list.addObject().put("name", cve)
                        .put("description", "A simulated " + entry.getKey().toLowerCase(Locale.ROOT) + " vulnerability in a base image package.")
                        .put("uri", "https://security-tracker.debian.org/tracker/" + cve)
                        .put("severity", entry.getKey());
                ArrayNode attributes = finding.putArray("attributes");
                attributes.addObject().put("key", "package_name").put("value", PACKAGES[n % PACKAGES.length]);
                attributes.addObject().put("key", "package_version").put("value", "1." + (n % 9) + "." + (n % 4));
                n++;
            }
        }
        ObjectNode counts = findings.putObject("findingSeverityCounts");
        image.findingSeverityCounts.forEach(counts::put);
        return result;
    }

    private static final String[] PACKAGES = {"openssl", "zlib", "libxml2", "curl", "glibc", "expat", "ncurses"};

    private JsonNode getAuthorizationToken(Sandbox sandbox) {
        String token = "AWS:" + Base64.getEncoder().encodeToString(("ecs-labs-simulated-" + sandbox.newId()).getBytes(StandardCharsets.UTF_8));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("authorizationData").addObject()
                .put("authorizationToken", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)))
                .put("expiresAt", seconds(sandbox.now().plus(Duration.ofHours(12)).toEpochMilli()))
                .put("proxyEndpoint", "https://" + registryHost(sandbox));
        return result;
    }

    /** The control operation: what {@code docker push <uri>:<tag>} leaves in the registry. */
    private JsonNode pushImage(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = repository(sandbox, state, input.path("repositoryName").asText(""));
        String tag = input.path("imageTag").asText("latest");
        if (!TAG.matcher(tag).matches()) {
            throw new AwsException("InvalidParameterException", "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must be a valid Docker tag'");
        }
        double sizeMb = input.path("sizeMb").asDouble(48);
        if (!(sizeMb > 0 && sizeMb <= 10_240)) {
            throw new AwsException("ValidationException", "sizeMb must be greater than 0 and at most 10240.");
        }
        EcrState.Image previous = repository.byTag(tag);
        if (previous != null && repository.imageTagMutability.equals("IMMUTABLE")) {
            throw new AwsException("ImageTagAlreadyExistsException", "The image tag '" + tag + "' already exists in the '"
                    + repository.name + "' repository and cannot be overwritten because the repository is immutable.");
        }
        repository.pushCount++;
        EcrState.Image image = new EcrState.Image();
        image.digest = "sha256:" + sha256(repository.name + ":" + tag + "#" + repository.pushCount);
        image.tags.add(tag);
        image.sizeInBytes = Math.round(sizeMb * 1024 * 1024);
        image.pushedMillis = sandbox.now().toEpochMilli();
        if (previous != null) {
            // A mutable tag moves to the new image; the old one stays, untagged, as in ECR.
            previous.tags.remove(tag);
        }
        if (repository.scanOnPush) {
            scan(sandbox, image);
        }
        repository.images.put(image.digest, image);
        return JsonNodeFactory.instance.objectNode()
                .put("repositoryName", repository.name)
                .put("imageTag", tag)
                .put("imageDigest", image.digest)
                .put("imageUri", registryHost(sandbox) + "/" + repository.name + ":" + tag);
    }

    /** Basic scanning: findings counts derived from the digest, so every run agrees. */
    private static void scan(Sandbox sandbox, EcrState.Image image) {
        byte[] seed = HexFormat.of().parseHex(image.digest.substring(7, 15));
        image.scanStatus = "COMPLETE";
        image.scanCompletedMillis = sandbox.now().toEpochMilli();
        image.findingSeverityCounts.clear();
        int[] counts = {(seed[0] & 0xff) % 2, (seed[1] & 0xff) % 4, (seed[2] & 0xff) % 7, (seed[3] & 0xff) % 9 + 1};
        String[] severities = {"HIGH", "MEDIUM", "LOW", "INFORMATIONAL"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                image.findingSeverityCounts.put(severities[i], counts[i]);
            }
        }
    }

    private static EcrState.Image find(EcrState.Repository repository, JsonNode id) {
        if (id.hasNonNull("imageDigest")) {
            EcrState.Image image = repository.images.get(id.path("imageDigest").asText());
            return image != null && (!id.hasNonNull("imageTag") || image.tags.contains(id.path("imageTag").asText())) ? image : null;
        }
        return id.hasNonNull("imageTag") ? repository.byTag(id.path("imageTag").asText()) : null;
    }

    private static String manifest(EcrState.Image image) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_MEDIA_TYPE + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":1457,\"digest\":\"sha256:"
                + sha256("config" + image.digest) + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + image.sizeInBytes
                + ",\"digest\":\"sha256:" + sha256("layer" + image.digest) + "\"}]}";
    }

    private ObjectNode repositoryNode(Sandbox sandbox, EcrState.Repository repository) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("repositoryArn", sandbox.arn("ecr", "repository/" + repository.name))
                .put("registryId", sandbox.accountId())
                .put("repositoryName", repository.name)
                .put("repositoryUri", registryHost(sandbox) + "/" + repository.name)
                .put("createdAt", seconds(repository.createdMillis))
                .put("imageTagMutability", repository.imageTagMutability);
        node.putObject("imageScanningConfiguration").put("scanOnPush", repository.scanOnPush);
        node.putObject("encryptionConfiguration").put("encryptionType", repository.encryptionType);
        return node;
    }

    private static EcrState.Repository repository(Sandbox sandbox, EcrState state, String name) {
        EcrState.Repository repository = state.repositories.get(name);
        if (repository == null) {
            throw notFound(sandbox.accountId(), name);
        }
        return repository;
    }

    private static AwsException notFound(String registryId, String name) {
        return new AwsException("RepositoryNotFoundException", "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    private static String mutability(String value) {
        if (!value.equals("MUTABLE") && !value.equals("IMMUTABLE")) {
            throw new AwsException("InvalidParameterException", "Invalid parameter at 'imageTagMutability' failed to satisfy"
                    + " constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'");
        }
        return value;
    }

    static String registryHost(Sandbox sandbox) {
        return sandbox.accountId() + ".dkr.ecr." + sandbox.region() + ".amazonaws.com";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        List<TaggedResource> tagged = new ArrayList<>();
        sandbox.state(EcrState.class).repositories.values()
                .forEach(repository -> TaggedResource.addIfTagged(tagged, sandbox.arn("ecr", "repository/" + repository.name),
                        repository.tags));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        EcrState.Repository repository = repositoryByArn(sandbox, arn);
        return repository == null ? null : repository.tags;
    }

    private static EcrState.Repository repositoryByArn(Sandbox sandbox, String arn) {
        String prefix = sandbox.arn("ecr", "repository/");
        return arn.startsWith(prefix) ? sandbox.state(EcrState.class).repositories.get(arn.substring(prefix.length())) : null;
    }

    /** TagResource, UntagResource and ListTagsForResource: the repository an ARN names, or ECR's errors. */
    private static EcrState.Repository taggable(Sandbox sandbox, EcrState state, ObjectNode input) {
        String arn = input.path("resourceArn").asText("");
        if (!arn.matches("arn:aws:ecr:[^:]+:\\d{12}:repository/.+")) {
            throw new AwsException("InvalidParameterException", "Invalid parameter at 'resourceArn' failed to satisfy constraint: "
                    + "'Invalid ARN'");
        }
        return repository(sandbox, state, arn.substring(arn.indexOf(":repository/") + ":repository/".length()));
    }

    private static JsonNode tagResource(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = taggable(sandbox, state, input);
        Map<String, String> tags = new LinkedHashMap<>(repository.tags);
        for (JsonNode tag : input.path("tags")) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        if (tags.size() > 50) {
            throw new AwsException("TooManyTagsException", "The repository can have at most 50 tags.");
        }
        repository.tags.putAll(tags);
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode untagResource(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = taggable(sandbox, state, input);
        input.path("tagKeys").forEach(key -> repository.tags.remove(key.asText()));
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode listTagsForResource(Sandbox sandbox, EcrState state, ObjectNode input) {
        EcrState.Repository repository = taggable(sandbox, state, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode tags = result.putArray("tags");
        repository.tags.forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return result;
    }
}
