package org.ecslabs.simulator.engine;

import java.time.Instant;

/**
 * One account in one region: what a service operation or a tick acts on.
 * An implementation is confined to one thread at a time: the engine holds the account's lock
 * for the whole of a call or a tick, so services need no locking of their own.
 */
public interface Sandbox {
    /** The twelve-digit account id. */
    String accountId();

    /** The region the request was signed for, e.g. us-east-1. */
    String region();

    /** The account's simulated time now. Services never read the wall clock. */
    Instant now();

    /**
     * This sandbox's state of the given type, created with its no-arg constructor on first use.
     * A service reads another service's state the same way (ECS reads EC2's subnets).
     * State types are plain Jackson-serializable classes; the engine persists them.
     */
    <T> T state(Class<T> type);

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    default String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region() + ":" + accountId() + ":" + resource;
    }

    /**
     * The same account in another region, for global services: IAM keeps an account's roles in
     * us-east-1 whichever region a request was signed for, and ECS in any region reads them there.
     */
    default Sandbox inRegion(String region) {
        if (region.equals(region())) {
            return this;
        }
        throw new UnsupportedOperationException("this sandbox reaches no other region");
    }

    /** A new random id of 32 lower-case hex digits (as in task ids). */
    String newId();
}
