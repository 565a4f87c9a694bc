package org.ecslabs.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.ecslabs.simulator.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault against a real H2 database and a real key file in a temp data folder. */
class CredentialVaultTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final CredentialVault.Credentials CREDENTIALS =
            new CredentialVault.Credentials("eu-west-1", "AKIAIOSFODNN7EXAMPLE", SECRET, null);

    @TempDir
    Path data;
    private DataSource dataSource;
    private CredentialVault vault;

    @BeforeEach
    void open() {
        dataSource = TestDatabases.freshDataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        vault = new CredentialVault(dataSource, data, Clock.systemUTC());
    }

    @Test
    void theSecretIsStoredEncryptedAndDecryptsBack() throws Exception {
        vault.save("local", CREDENTIALS, true);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM lab_backend")) {
            assertThat(rows.next()).isTrue();
            byte[] ciphertext = rows.getBytes("ciphertext");
            String raw = new String(ciphertext, StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain(SECRET).doesNotContain("AKIAIOSFODNN7EXAMPLE");
            assertThat(rows.getBytes("iv")).hasSize(12);
            assertThat(rows.getString("key_hint")).isEqualTo("MPLE");
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                assertThat(String.valueOf(rows.getString(column))).doesNotContain(SECRET);
            }
        }
        assertThat(vault.credentials("local")).contains(CREDENTIALS);
        assertThat(vault.summary("local")).contains(new CredentialVault.Summary(true, "eu-west-1", "MPLE"));
        Backend backend = vault.realAccount("local").orElseThrow();
        assertThat(backend.secretAccessKey()).isEqualTo(SECRET);
        assertThat(backend.toString()).doesNotContain(SECRET);
        assertThat(CREDENTIALS.toString()).doesNotContain(SECRET);
    }

    @Test
    void theKeyFileIsOwnerOnlyAndEachRecordGetsItsOwnIv() throws Exception {
        vault.save("a", CREDENTIALS, true);
        vault.save("b", CREDENTIALS, true);
        Path key = data.resolve(CredentialVault.KEY_FILE);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT iv, ciphertext FROM lab_backend ORDER BY learner")) {
            rows.next();
            byte[] iv = rows.getBytes(1);
            byte[] first = rows.getBytes(2);
            rows.next();
            assertThat(rows.getBytes(1)).isNotEqualTo(iv);
            assertThat(rows.getBytes(2)).isNotEqualTo(first);
        }
    }

    @Test
    void removeDeletesTheCredentialsAndTheSimulatorIsBack() {
        vault.save("local", CREDENTIALS, true);
        vault.remove("local");
        assertThat(vault.credentials("local")).isEmpty();
        assertThat(vault.summary("local")).isEmpty();
        assertThat(vault.realAccount("local")).isEmpty();
    }

    @Test
    void choosingTheSimulatorKeepsTheKeysButUsesNoRealAccount() {
        vault.save("local", CREDENTIALS, true);
        assertThat(vault.useRealAccount("local", false)).isTrue();
        assertThat(vault.realAccount("local")).isEmpty();
        assertThat(vault.useRealAccount("nobody", true)).isFalse();
    }

    @Test
    void aReplacedOrBrokenKeyFileIsAClearErrorNotACrash() throws Exception {
        vault.save("local", CREDENTIALS, true);
        Path key = data.resolve(CredentialVault.KEY_FILE);
        Files.delete(key);
        Files.write(key, new byte[32]);
        CredentialVault reopened = new CredentialVault(dataSource, data, Clock.systemUTC());
        assertThatThrownBy(() -> reopened.credentials("local"))
                .isInstanceOf(CredentialVault.VaultException.class)
                .hasMessageContaining("cannot be decrypted").hasMessageContaining("Remove them");

        Files.write(key, new byte[5]);
        CredentialVault broken = new CredentialVault(dataSource, data, Clock.systemUTC());
        assertThatThrownBy(() -> broken.credentials("local"))
                .isInstanceOf(CredentialVault.VaultException.class)
                .hasMessageContaining("not a 256-bit key");
        // Removing still works, so the learner can start again.
        broken.remove("local");
        assertThat(broken.summary("local")).isEmpty();
    }
}
