package org.ecslabs.simulator.engine;

import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One account in one region. Holds the live state objects and, per state type, the JSON last
 * written to the store, which is both the change detector and the rollback point. Confined to
 * the thread holding the account's lock.
 */
final class RegionSandbox implements Sandbox {
    private final AccountRuntime account;
    private final String region;
    private final StateCodec codec;
    private final Map<String, Object> live = new LinkedHashMap<>();
    private final Map<String, String> stored = new HashMap<>();

    RegionSandbox(AccountRuntime account, String region, StateCodec codec) {
        this.account = account;
        this.region = region;
        this.codec = codec;
    }

    @Override
    public String accountId() {
        return account.accountId();
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Instant now() {
        return account.now();
    }

    @Override
    public <T> T state(Class<T> type) {
        Object state = live.get(type.getName());
        if (state == null) {
            String json = stored.get(type.getName());
            state = json != null ? codec.read(json, type) : newInstance(type);
            live.put(type.getName(), state);
        }
        return type.cast(state);
    }

    @Override
    public Sandbox inRegion(String otherRegion) {
        return account.sandboxes.computeIfAbsent(otherRegion, r -> new RegionSandbox(account, r, codec));
    }

    @Override
    public String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Remembers state read from the store, deserialized on first use. */
    void loaded(String stateType, String json) {
        stored.put(stateType, json);
    }

    /** The live state objects whose JSON differs from what the store holds, as of now. */
    Map<String, String> changes() {
        Map<String, String> changed = new LinkedHashMap<>();
        live.forEach((type, state) -> {
            String json = codec.write(state);
            if (!json.equals(stored.get(type))) {
                changed.put(type, json);
            }
        });
        return changed;
    }

    void markStored(Map<String, String> written) {
        stored.putAll(written);
    }

    /** Drops live changes not yet stored: the next use reads the stored JSON again. */
    void rollback() {
        changes().keySet().forEach(live::remove);
    }

    private static <T> T newInstance(Class<T> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("State type " + type.getName() + " needs a no-arg constructor", e);
        }
    }
}
