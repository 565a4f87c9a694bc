package org.ecslabs.simulator.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts and their key pairs. In solo mode the well-known key {@code test} (secret
 * {@code test}) signs for account {@value #SOLO_ACCOUNT_ID}; generated accounts work in both
 * modes. Thread-safe: the key index is a concurrent map, creation is synchronized.
 */
public final class Accounts {
    public static final String SOLO_ACCOUNT_ID = "000000000000";
    public static final String SOLO_ACCESS_KEY = "test";
    private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final StateStore store;
    private final Mode mode;
    private final Clock wall;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> byAccessKey = new ConcurrentHashMap<>();
    private final Account solo;

    public Accounts(StateStore store, Mode mode, Clock wall) {
        this.store = store;
        this.mode = mode;
        this.wall = wall;
        this.solo = new Account(SOLO_ACCOUNT_ID, "solo", SOLO_ACCESS_KEY, "test", wall.instant());
        for (Account account : store.loadCredentials()) {
            byAccessKey.put(account.accessKeyId(), account);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** A new account with a fresh twelve-digit id and a generated key pair, stored at once. */
    public synchronized Account create(String label) {
        String accountId;
        do {
            accountId = randomString("0123456789", 12);
        } while (accountId.equals(SOLO_ACCOUNT_ID) || accountIdTaken(accountId));
        String accessKeyId;
        do {
            accessKeyId = "AKIA" + randomString(UPPER_ALPHANUMERIC, 16);
        } while (byAccessKey.containsKey(accessKeyId));
        Account account = new Account(accountId, label, accessKeyId, randomString(SECRET_ALPHABET, 40), wall.instant());
        store.saveCredentials(account);
        byAccessKey.put(accessKeyId, account);
        return account;
    }

    /** The generated accounts, oldest first (the solo account is built in and not listed). */
    public List<Account> list() {
        List<Account> accounts = new ArrayList<>(byAccessKey.values());
        accounts.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return accounts;
    }

    /** The account an access key signs for; {@code test} only in solo mode. */
    public Optional<Account> byAccessKey(String accessKeyId) {
        if (mode == Mode.SOLO && SOLO_ACCESS_KEY.equals(accessKeyId)) {
            return Optional.of(solo);
        }
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    public Optional<Account> byAccountId(String accountId) {
        if (mode == Mode.SOLO && SOLO_ACCOUNT_ID.equals(accountId)) {
            return Optional.of(solo);
        }
        return byAccessKey.values().stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }

    private boolean accountIdTaken(String accountId) {
        return byAccessKey.values().stream().anyMatch(a -> a.accountId().equals(accountId));
    }

    private String randomString(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
