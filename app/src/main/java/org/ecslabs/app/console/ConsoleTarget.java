package org.ecslabs.app.console;

import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.CredentialVault;

/**
 * Where a learner's console commands run: the built-in simulator, or the AWS account they chose on
 * /labs/backend ({@link Backend#realAccount()} says which, even when tests point it at the simulator).
 *
 * @param account what the page may show of the real account (region, key id's last 4), null on the simulator
 */
record ConsoleTarget(Backend backend, CredentialVault.Summary account) {

    static ConsoleTarget simulator(Backend backend) {
        return new ConsoleTarget(backend, null);
    }

    boolean realAccount() {
        return backend.realAccount();
    }

    /** The learner's AWS account; the page shows its region and the access key id's last 4 characters only. */
    static ConsoleTarget realAccount(Backend backend) {
        String keyId = backend.accessKeyId();
        return new ConsoleTarget(backend, new CredentialVault.Summary(true, backend.region(),
                keyId.length() < 4 ? "" : keyId.substring(keyId.length() - 4)));
    }
}
