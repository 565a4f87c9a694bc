package org.ecslabs.simulator.ecr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.Sandbox;

/** How other services (ECS pulling an image) see this account's registry. */
public final class EcrImages {
    private static final Pattern URI = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?");

    public enum Outcome { NOT_THIS_REGISTRY, REPOSITORY_NOT_FOUND, IMAGE_NOT_FOUND, FOUND }

    /** A reference to an image in a private ECR registry, as a container definition's image names it. */
    public record Reference(String registryId, String region, String repository, String tag, String digest) {
        public String repositoryArn() {
            return "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + repository;
        }
    }

    private EcrImages() {
    }

    /** The reference if the image names a private ECR registry (any account or region), else null. */
    public static Reference parse(String image) {
        Matcher matcher = URI.matcher(image == null ? "" : image);
        if (!matcher.matches()) {
            return null;
        }
        String tag = matcher.group(4) == null && matcher.group(5) == null ? "latest" : matcher.group(4);
        return new Reference(matcher.group(1), matcher.group(2), matcher.group(3), tag, matcher.group(5));
    }

    /** Looks the image up in this sandbox's registry and, when found, records the pull as ECR does. */
    public static Outcome pull(Sandbox sandbox, Reference reference) {
        if (!reference.registryId().equals(sandbox.accountId()) || !reference.region().equals(sandbox.region())) {
            return Outcome.NOT_THIS_REGISTRY;
        }
        EcrState.Repository repository = sandbox.state(EcrState.class).repositories.get(reference.repository());
        if (repository == null) {
            return Outcome.REPOSITORY_NOT_FOUND;
        }
        EcrState.Image image = reference.digest() != null ? repository.images.get(reference.digest())
                : repository.byTag(reference.tag());
        if (image == null) {
            return Outcome.IMAGE_NOT_FOUND;
        }
        image.lastPulledMillis = sandbox.now().toEpochMilli();
        return Outcome.FOUND;
    }
}
