package dev.usermanagement.users.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The username rules of the contract (Django's UnicodeUsernameValidator): NFKC first, so that look-alike
 * compatibility characters cannot make a second "alice", then length and alphabet.
 */
public final class UsernamePolicy {

    static final int MAX_LENGTH = 150;
    static final String TOO_LONG = "Ensure this field has no more than 150 characters.";
    static final String INVALID = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";

    private UsernamePolicy() {
    }

    public static String normalize(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC);
    }

    /** The comparison key: normalized and case-folded, so uniqueness and login ignore case. */
    public static String key(String username) {
        String folded = normalize(username).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** Messages for a normalized username, empty when it is acceptable. */
    public static List<String> violations(String normalized) {
        List<String> messages = new ArrayList<>();
        if (normalized.codePointCount(0, normalized.length()) > MAX_LENGTH) {
            messages.add(TOO_LONG);
        }
        if (normalized.isEmpty() || !normalized.codePoints().allMatch(UsernamePolicy::allowed)) {
            messages.add(INVALID);
        }
        return messages;
    }

    private static boolean allowed(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || "@.+-_".indexOf(codePoint) >= 0;
    }
}
