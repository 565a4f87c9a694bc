package org.ecslabs.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One account in one region: its state slots, one per state type. Remembers which slots a call or
 * tick used, so that only those are compared with the store. Confined to the thread holding the
 * account's lock.
 */
final class RegionSandbox implements Sandbox {
    private final AccountRuntime account;
    private final String region;
    private final StateCodec codec;
    private final Map<String, StateSlot> slots = new LinkedHashMap<>();
    private final Set<StateSlot> used = new LinkedHashSet<>();

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
        StateSlot slot = slot(type.getName());
        used.add(slot);
        return slot.live(type, codec);
    }

    @Override
    public Sandbox inRegion(String otherRegion) {
        return account.sandboxes.computeIfAbsent(otherRegion, r -> new RegionSandbox(account, r, codec));
    }

    @Override
    public String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private StateSlot slot(String typeName) {
        return slots.computeIfAbsent(typeName, StateSlot::new);
    }

    /** A row read from the store. */
    void loaded(StateStore.EntryRow row) {
        slot(row.stateType()).loaded(row);
    }

    void loadedLegacy(StateStore.LegacyRow row) {
        slot(row.stateType()).loadedLegacy(row.json());
    }

    /**
     * The rows to write for what the slots used since the last call changed; the mirrors are
     * updated at once (the caller writes the rows or gives the account up as broken).
     */
    List<StateStore.Change> takeChanges() {
        List<StateStore.Change> changes = new ArrayList<>();
        for (StateSlot slot : used) {
            List<StateStore.Change> slotChanges = slot.diff(region, codec, account::nextSeq);
            slotChanges.forEach(slot::apply);
            changes.addAll(slotChanges);
        }
        used.clear();
        return changes;
    }

    /** Drops live changes not yet stored: the next use of a changed slot rebuilds it from its rows. */
    void rollback() {
        for (StateSlot slot : used) {
            if (!slot.diff(region, codec, () -> 0).isEmpty()) {
                slot.dropLive();
            }
        }
        used.clear();
    }
}
