package org.ecslabs.simulator.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** GetRandomPassword, with the same character classes and rules as Secrets Manager. */
final class RandomPasswords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private RandomPasswords() {
    }

    static JsonNode generate(ObjectNode input) {
        int length = input.path("PasswordLength").asInt(32);
        if (length < 1 || length > 4096) {
            throw new AwsException("InvalidParameterException", "The password length must be between 1 and 4096.");
        }
        String excluded = input.path("ExcludeCharacters").asText("");
        List<String> classes = new ArrayList<>();
        addClass(classes, LOWER, !input.path("ExcludeLowercase").asBoolean(false), excluded);
        addClass(classes, UPPER, !input.path("ExcludeUppercase").asBoolean(false), excluded);
        addClass(classes, DIGITS, !input.path("ExcludeNumbers").asBoolean(false), excluded);
        addClass(classes, PUNCTUATION, !input.path("ExcludePunctuation").asBoolean(false), excluded);
        addClass(classes, " ", input.path("IncludeSpace").asBoolean(false), excluded);
        if (classes.isEmpty()) {
            throw new AwsException("InvalidParameterException", "The password must include at least one type of character.");
        }
        boolean eachType = input.path("RequireEachIncludedType").asBoolean(true);
        if (eachType && length < classes.size()) {
            throw new AwsException("InvalidParameterException",
                    "The password length is too short to include each of the required character types.");
        }
        String all = String.join("", classes);
        StringBuilder password;
        do {
            password = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                password.append(all.charAt(RANDOM.nextInt(all.length())));
            }
        } while (eachType && !hasEach(password, classes));
        return JsonNodeFactory.instance.objectNode().put("RandomPassword", password.toString());
    }

    private static void addClass(List<String> classes, String characters, boolean wanted, String excluded) {
        if (!wanted) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (char c : characters.toCharArray()) {
            if (excluded.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        if (kept.length() > 0) {
            classes.add(kept.toString());
        }
    }

    private static boolean hasEach(CharSequence password, List<String> classes) {
        for (String characters : classes) {
            boolean found = false;
            for (int i = 0; i < password.length() && !found; i++) {
                found = characters.indexOf(password.charAt(i)) >= 0;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
