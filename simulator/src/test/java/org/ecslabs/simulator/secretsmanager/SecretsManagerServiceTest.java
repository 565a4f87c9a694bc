package org.ecslabs.simulator.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.Test;

class SecretsManagerServiceTest {
    private final ManualSandbox sandbox = new ManualSandbox();
    private final Calls sm = new Calls(new SecretsManagerService(), sandbox);

    @Test
    void secretArnCarriesSixCharacterSuffixAndResolvesByNameOrPartialArn() {
        JsonNode created = sm.call("CreateSecret", "{'Name':'prod/db','SecretString':'s3cret'}");
        String arn = created.path("ARN").asText();

        assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-[A-Za-z0-9]{6}");
        assertThat(sm.call("GetSecretValue", "{'SecretId':'prod/db'}").path("SecretString").asText()).isEqualTo("s3cret");
        assertThat(sm.call("GetSecretValue", "{'SecretId':'" + arn + "'}").path("VersionStages").get(0).asText()).isEqualTo("AWSCURRENT");
        assertThat(sm.call("DescribeSecret", "{'SecretId':'" + arn.substring(0, arn.length() - 7) + "'}").path("Name").asText())
                .isEqualTo("prod/db");
        assertThat(sm.error("CreateSecret", "{'Name':'prod/db','SecretString':'x'}").code()).isEqualTo("ResourceExistsException");
        assertThat(sm.error("GetSecretValue", "{'SecretId':'nope'}").getMessage()).isEqualTo("Secrets Manager can't find the specified secret.");
    }

    @Test
    void newValueBecomesCurrentAndOldOnePrevious() {
        String first = sm.call("CreateSecret", "{'Name':'api','SecretString':'one'}").path("VersionId").asText();
        String second = sm.call("PutSecretValue", "{'SecretId':'api','SecretString':'two'}").path("VersionId").asText();

        assertThat(sm.call("GetSecretValue", "{'SecretId':'api'}").path("SecretString").asText()).isEqualTo("two");
        assertThat(sm.call("GetSecretValue", "{'SecretId':'api','VersionStage':'AWSPREVIOUS'}").path("SecretString").asText()).isEqualTo("one");
        assertThat(sm.call("GetSecretValue", "{'SecretId':'api','VersionId':'" + first + "'}").path("VersionId").asText()).isEqualTo(first);
        assertThat(sm.call("DescribeSecret", "{'SecretId':'api'}").path("VersionIdsToStages").path(second).get(0).asText()).isEqualTo("AWSCURRENT");
        assertThat(sm.call("ListSecrets", "{'Filters':[{'Key':'name','Values':['ap']}]}").path("SecretList")).hasSize(1);
    }

    @Test
    void deletedSecretRefusesUseUntilRestoredAndVanishesAfterItsWindow() {
        sm.call("CreateSecret", "{'Name':'old','SecretString':'v'}");
        assertThat(sm.error("DeleteSecret", "{'SecretId':'old','RecoveryWindowInDays':3}").code()).isEqualTo("InvalidParameterException");
        JsonNode deleted = sm.call("DeleteSecret", "{'SecretId':'old','RecoveryWindowInDays':7}");
        assertThat(deleted.path("DeletionDate").decimalValue().longValue())
                .isEqualTo(sandbox.now().plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(sm.error("GetSecretValue", "{'SecretId':'old'}").getMessage())
                .isEqualTo("You can't perform this operation on the secret because it was marked for deletion.");
        assertThat(sm.call("ListSecrets", "{}").path("SecretList")).isEmpty();
        assertThat(sm.call("ListSecrets", "{'IncludePlannedDeletion':true}").path("SecretList")).hasSize(1);

        sm.call("RestoreSecret", "{'SecretId':'old'}");
        assertThat(sm.call("GetSecretValue", "{'SecretId':'old'}").path("SecretString").asText()).isEqualTo("v");

        sm.call("DeleteSecret", "{'SecretId':'old'}");
        assertThat(sm.call("DescribeSecret", "{'SecretId':'old'}").has("DeletedDate")).isTrue();
        sandbox.advance(Duration.ofDays(30));
        assertThat(sm.error("DescribeSecret", "{'SecretId':'old'}").code()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void forcedDeletionIsImmediate() {
        sm.call("CreateSecret", "{'Name':'tmp','SecretString':'v'}");
        sm.call("DeleteSecret", "{'SecretId':'tmp','ForceDeleteWithoutRecovery':true}");
        assertThat(sm.error("GetSecretValue", "{'SecretId':'tmp'}").code()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void randomPasswordsHonourLengthAndExclusions() {
        String password = sm.call("GetRandomPassword", "{'PasswordLength':20,'ExcludePunctuation':true}").path("RandomPassword").asText();
        assertThat(password).hasSize(20).matches("[A-Za-z0-9]+").matches(".*[0-9].*").matches(".*[A-Z].*");
        assertThat(sm.error("GetRandomPassword", "{'PasswordLength':0}").code()).isEqualTo("InvalidParameterException");
    }
}
