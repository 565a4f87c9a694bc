package org.ecslabs.app.lab;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.CredentialVault;

/**
 * Which back end a learner's lab checks run on: the built-in simulator (the default), or the real
 * AWS account whose credentials they stored in the {@link CredentialVault} and chose. Both go
 * through the same client factory; only the {@link Backend} differs.
 *
 * @param simulator the built-in simulator for a request
 * @param learnerFor the learner key of a request
 */
public record LabBackends(CredentialVault vault, Function<Context, Backend> simulator, Function<Context, String> learnerFor) {

    /** The learner's back end: the real account if chosen (and its credentials decrypt), else the simulator. */
    public Backend backendFor(Context ctx) {
        return realAccount(ctx).orElseGet(() -> simulator.apply(ctx));
    }

    /** The learner's real account, if they chose it. {@link CredentialVault.VaultException} if it cannot be decrypted. */
    public Optional<Backend> realAccount(Context ctx) {
        return vault.realAccount(learnerFor.apply(ctx));
    }

    /** True if the learner chose their real account (whether or not its credentials still decrypt). */
    public boolean usesRealAccount(Context ctx) {
        return vault.summary(learnerFor.apply(ctx)).map(CredentialVault.Summary::useRealAccount).orElse(false);
    }
}
