package org.ecslabs.simulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.Test;

class EcrServiceTest {
    private final ManualSandbox sandbox = new ManualSandbox();
    private final Calls ecr = new Calls(new EcrService(), sandbox);

    @Test
    void repositoryHasItsRegistryUriAndRefusesDeletionWhileItHoldsImages() {
        JsonNode repository = ecr.call("CreateRepository", "{'repositoryName':'team/web','imageScanningConfiguration':{'scanOnPush':true}}")
                .path("repository");
        assertThat(repository.path("repositoryUri").asText()).isEqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/team/web");
        assertThat(repository.path("imageTagMutability").asText()).isEqualTo("MUTABLE");
        assertThat(ecr.error("CreateRepository", "{'repositoryName':'team/web'}").code()).isEqualTo("RepositoryAlreadyExistsException");
        assertThat(ecr.error("CreateRepository", "{'repositoryName':'Bad Name'}").code()).isEqualTo("InvalidParameterException");

        ecr.call("PushImage", "{'repositoryName':'team/web','imageTag':'v1','sizeMb':20}");
        assertThat(ecr.error("DeleteRepository", "{'repositoryName':'team/web'}").code()).isEqualTo("RepositoryNotEmptyException");
        ecr.call("DeleteRepository", "{'repositoryName':'team/web','force':true}");
        assertThat(ecr.error("DescribeRepositories", "{'repositoryNames':['team/web']}").code()).isEqualTo("RepositoryNotFoundException");
    }

    @Test
    void pushedImagesAreDescribedWithDigestSizeAndScanFindings() {
        ecr.call("CreateRepository", "{'repositoryName':'web','imageScanningConfiguration':{'scanOnPush':true}}");
        String first = ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v1','sizeMb':20}").path("imageDigest").asText();
        String second = ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v1'}").path("imageDigest").asText();
        assertThat(first).startsWith("sha256:").hasSize(71).isNotEqualTo(second);

        JsonNode images = ecr.call("DescribeImages", "{'repositoryName':'web'}").path("imageDetails");
        assertThat(images).hasSize(2);
        JsonNode v1 = ecr.call("DescribeImages", "{'repositoryName':'web','imageIds':[{'imageTag':'v1'}]}").path("imageDetails").get(0);
        assertThat(v1.path("imageDigest").asText()).isEqualTo(second);
        assertThat(v1.path("imageScanStatus").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(v1.path("imageScanFindingsSummary").path("findingSeverityCounts").path("INFORMATIONAL").asInt()).isPositive();
        assertThat(ecr.call("ListImages", "{'repositoryName':'web','filter':{'tagStatus':'UNTAGGED'}}").path("imageIds").get(0)
                .path("imageDigest").asText()).isEqualTo(first);
        assertThat(ecr.error("DescribeImages", "{'repositoryName':'web','imageIds':[{'imageTag':'v9'}]}").code()).isEqualTo("ImageNotFoundException");
        JsonNode batch = ecr.call("BatchGetImage", "{'repositoryName':'web','imageIds':[{'imageTag':'v1'},{'imageTag':'nope'}]}");
        assertThat(batch.path("images")).hasSize(1);
        assertThat(batch.path("failures").get(0).path("failureCode").asText()).isEqualTo("ImageNotFound");
    }

    @Test
    void immutableTagsCannotBeOverwrittenAndAuthTokenIsBasicAuth() {
        ecr.call("CreateRepository", "{'repositoryName':'api','imageTagMutability':'IMMUTABLE'}");
        ecr.call("PushImage", "{'repositoryName':'api','imageTag':'1.0'}");
        assertThat(ecr.error("PushImage", "{'repositoryName':'api','imageTag':'1.0'}").code()).isEqualTo("ImageTagAlreadyExistsException");

        JsonNode auth = ecr.call("GetAuthorizationToken", "{}").path("authorizationData").get(0);
        assertThat(new String(Base64.getDecoder().decode(auth.path("authorizationToken").asText()), StandardCharsets.UTF_8)).startsWith("AWS:");
        assertThat(auth.path("proxyEndpoint").asText()).isEqualTo("https://000000000000.dkr.ecr.us-east-1.amazonaws.com");
    }

    @Test
    void imageReferencesResolveAgainstTheRegistry() {
        ecr.call("CreateRepository", "{'repositoryName':'web'}");
        ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v1'}");
        EcrImages.Reference found = EcrImages.parse("000000000000.dkr.ecr.us-east-1.amazonaws.com/web:v1");
        assertThat(EcrImages.pull(sandbox, found)).isEqualTo(EcrImages.Outcome.FOUND);
        assertThat(EcrImages.pull(sandbox, EcrImages.parse("000000000000.dkr.ecr.us-east-1.amazonaws.com/web")))
                .isEqualTo(EcrImages.Outcome.IMAGE_NOT_FOUND);
        assertThat(EcrImages.pull(sandbox, EcrImages.parse("000000000000.dkr.ecr.us-east-1.amazonaws.com/nope:v1")))
                .isEqualTo(EcrImages.Outcome.REPOSITORY_NOT_FOUND);
        assertThat(EcrImages.parse("nginx:latest")).isNull();
    }

    @Test
    void scanFindingsAreListedForAScannedImageOnly() {
        ecr.call("CreateRepository", "{'repositoryName':'web'}");
        ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v1'}");
        assertThat(ecr.error("DescribeImageScanFindings", "{'repositoryName':'web','imageId':{'imageTag':'v1'}}").code())
                .isEqualTo("ScanNotFoundException");
        ecr.call("StartImageScan", "{'repositoryName':'web','imageId':{'imageTag':'v1'}}");
        JsonNode findings = ecr.call("DescribeImageScanFindings", "{'repositoryName':'web','imageId':{'imageTag':'v1'}}").path("imageScanFindings");
        int total = 0;
        for (JsonNode count : findings.path("findingSeverityCounts")) {
            total += count.asInt();
        }
        assertThat(findings.path("findings")).hasSize(total);
        assertThat(findings.path("findings").get(0).path("name").asText()).startsWith("CVE-");
    }

    @Test
    void lifecyclePolicyExpiresOldImagesWithinTheHour() {
        ecr.call("CreateRepository", "{'repositoryName':'web'}");
        for (int i = 1; i <= 4; i++) {
            ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v" + i + "'}");
            sandbox.advance(Duration.ofMinutes(1));
        }
        ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v4'}");
        assertThat(ecr.error("PutLifecyclePolicy", "{'repositoryName':'web','lifecyclePolicyText':'{}'}").code())
                .isEqualTo("InvalidParameterException");
        String policy = "{\\\"rules\\\":[{\\\"rulePriority\\\":1,\\\"selection\\\":{\\\"tagStatus\\\":\\\"untagged\\\","
                + "\\\"countType\\\":\\\"sinceImagePushed\\\",\\\"countUnit\\\":\\\"days\\\",\\\"countNumber\\\":1},"
                + "\\\"action\\\":{\\\"type\\\":\\\"expire\\\"}},{\\\"rulePriority\\\":2,\\\"selection\\\":{\\\"tagStatus\\\":"
                + "\\\"tagged\\\",\\\"tagPrefixList\\\":[\\\"v\\\"],\\\"countType\\\":\\\"imageCountMoreThan\\\","
                + "\\\"countNumber\\\":2},\\\"action\\\":{\\\"type\\\":\\\"expire\\\"}}]}";
        ecr.call("PutLifecyclePolicy", "{'repositoryName':'web','lifecyclePolicyText':\"" + policy + "\"}");
        assertThat(ecr.call("ListImages", "{'repositoryName':'web'}").path("imageIds")).hasSize(5);

        sandbox.advance(Duration.ofHours(1));
        assertThat(ecr.call("ListImages", "{'repositoryName':'web','filter':{'tagStatus':'TAGGED'}}").path("imageIds"))
                .extracting(id -> id.path("imageTag").asText()).containsExactlyInAnyOrder("v3", "v4");
        assertThat(ecr.call("ListImages", "{'repositoryName':'web','filter':{'tagStatus':'UNTAGGED'}}").path("imageIds")).hasSize(1);
        sandbox.advance(Duration.ofDays(2));
        assertThat(ecr.call("ListImages", "{'repositoryName':'web'}").path("imageIds")).hasSize(2);
        assertThat(ecr.call("GetLifecyclePolicy", "{'repositoryName':'web'}").has("lastEvaluatedAt")).isTrue();
    }
}
