package org.ecslabs.app.aws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * A learner's real-AWS-account credentials, encrypted at rest: AES-256-GCM under a key kept in
 * {@value #KEY_FILE} in the data folder (created owner-only on first use), a random 96-bit IV per
 * row, the learner's key as associated data so a row cannot be moved to another learner. The
 * secret leaves this class only inside a {@link Backend}; pages get a {@link Summary}.
 * Thread-safe: no mutable state besides the key, loaded once.
 */
public final class CredentialVault {

    public static final String KEY_FILE = "credentials.key";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a learner entered. The session token is optional (null for long-term keys). */
    public record Credentials(String region, String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[" + region + ", ..." + hint(accessKeyId) + "]";
        }
    }

    /** What a page may show: the region and the key id's last 4 characters, never the secret. */
    public record Summary(boolean useRealAccount, String region, String keyHint) {
    }

    private final DataSource dataSource;
    private final Path keyFile;
    private final Clock clock;
    private volatile SecretKeySpec key;

    public CredentialVault(DataSource dataSource, Path dataDir, Clock clock) {
        this.dataSource = dataSource;
        this.keyFile = dataDir.resolve(KEY_FILE);
        this.clock = clock;
    }

    /** Encrypts and stores a learner's credentials, replacing any; {@code useRealAccount} picks the back end. */
    public void save(String learner, Credentials credentials, boolean useRealAccount) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, iv, learner, encode(credentials));
        // Standard MERGE (H2 and PostgreSQL 15+); the casts type the parameters for PostgreSQL.
        update(learner, "MERGE INTO lab_backend t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS BOOLEAN),"
                + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BYTEA), CAST(? AS BYTEA), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                + " AS s (learner, use_real, region, key_hint, iv, ciphertext, updated_at) ON t.learner = s.learner"
                + " WHEN MATCHED THEN UPDATE SET use_real = s.use_real, region = s.region, key_hint = s.key_hint, iv = s.iv,"
                + " ciphertext = s.ciphertext, updated_at = s.updated_at"
                + " WHEN NOT MATCHED THEN INSERT (learner, use_real, region, key_hint, iv, ciphertext, updated_at)"
                + " VALUES (s.learner, s.use_real, s.region, s.key_hint, s.iv, s.ciphertext, s.updated_at)", statement -> {
            statement.setBoolean(2, useRealAccount);
            statement.setString(3, credentials.region());
            statement.setString(4, hint(credentials.accessKeyId()));
            statement.setBytes(5, iv);
            statement.setBytes(6, ciphertext);
            statement.setTimestamp(7, Timestamp.from(clock.instant()));
        });
    }

    /** Switches between the simulator and the stored account; false if there is nothing stored. */
    public boolean useRealAccount(String learner, boolean useRealAccount) {
        return update(learner, "UPDATE lab_backend SET use_real = ? WHERE learner = ?", statement -> {
            statement.setBoolean(1, useRealAccount);
            statement.setString(2, learner);
        }) > 0;
    }

    /** Deletes a learner's credentials: labs go back to the simulator. */
    public void remove(String learner) {
        update(learner, "DELETE FROM lab_backend WHERE learner = ?", statement -> statement.setString(1, learner));
    }

    public Optional<Summary> summary(String learner) {
        return query(learner, "SELECT use_real, region, key_hint FROM lab_backend WHERE learner = ?",
                rows -> new Summary(rows.getBoolean(1), rows.getString(2), rows.getString(3)));
    }

    /** The decrypted credentials; {@link VaultException} if the key file is missing, changed or broken. */
    public Optional<Credentials> credentials(String learner) {
        return query(learner, "SELECT region, iv, ciphertext FROM lab_backend WHERE learner = ?",
                rows -> decode(rows.getString(1), crypt(Cipher.DECRYPT_MODE, rows.getBytes(2), learner, rows.getBytes(3))));
    }

    /** The learner's real account as a back end, if they chose it and their credentials decrypt. */
    public Optional<Backend> realAccount(String learner) {
        if (!summary(learner).map(Summary::useRealAccount).orElse(false)) {
            return Optional.empty();
        }
        return credentials(learner).map(found -> Backend.realAccount(found.region(), found.accessKeyId(),
                found.secretAccessKey(), found.sessionToken()));
    }

    static String hint(String accessKeyId) {
        return accessKeyId == null || accessKeyId.length() < 4 ? "" : accessKeyId.substring(accessKeyId.length() - 4);
    }

    private byte[] crypt(int mode, byte[] iv, String learner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(learner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new VaultException("The stored AWS credentials cannot be decrypted with the key in " + keyFile
                    + " (was the key file replaced?). Remove them and enter them again.", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec loaded = key;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (key == null) {
                key = new SecretKeySpec(loadOrCreateKey(), "AES");
            }
            return key;
        }
    }

    private byte[] loadOrCreateKey() {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                try {
                    create(fresh);
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // Another thread or process created it first: use theirs.
                }
            }
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length != KEY_BYTES) {
                throw new VaultException("The credentials key file " + keyFile + " is not a 256-bit key (" + bytes.length
                        + " bytes). Restore it, or delete it and enter your AWS credentials again.", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new VaultException("Cannot read or create the credentials key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private void create(byte[] bytes) throws IOException {
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(keyFile);
        }
        Files.write(keyFile, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    // Length-prefixed fields: the secret may contain any character.
    private static byte[] encode(Credentials credentials) {
        byte[][] fields = {bytes(credentials.accessKeyId()), bytes(credentials.secretAccessKey()),
                bytes(credentials.sessionToken())};
        int size = 0;
        for (byte[] field : fields) {
            size += 4 + field.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] field : fields) {
            buffer.putInt(field.length).put(field);
        }
        return buffer.array();
    }

    private static Credentials decode(String region, byte[] plain) {
        ByteBuffer buffer = ByteBuffer.wrap(plain);
        String[] fields = new String[3];
        for (int i = 0; i < fields.length; i++) {
            byte[] field = new byte[buffer.getInt()];
            buffer.get(field);
            fields[i] = new String(field, StandardCharsets.UTF_8);
        }
        return new Credentials(region, fields[0], fields[1], fields[2].isEmpty() ? null : fields[2]);
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private int update(String learner, String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, learner);
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the lab back end of " + learner, e);
        }
    }

    private <T> Optional<T> query(String learner, String sql, Reader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, learner);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lab back end of " + learner, e);
        }
    }

    /** The key file is missing, unreadable or not the key the credentials were stored with. */
    public static final class VaultException extends RuntimeException {
        VaultException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
