package dev.usermanagement.users.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Django's UserAttributeSimilarityValidator: the password is too similar when difflib's quick_ratio
 * against the username, or any part of it between non-word characters, reaches the limit.
 */
final class PasswordSimilarity {

    private PasswordSimilarity() {
    }

    static boolean tooSimilar(String password, String username, double maxSimilarity) {
        String pass = password.toLowerCase(Locale.ROOT);
        String name = username.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>(List.of(name.split("[^\\p{L}\\p{N}_]+")));
        parts.add(name);
        for (String part : parts) {
            if (!muchLonger(pass, part, maxSimilarity) && quickRatio(pass, part) >= maxSimilarity) {
                return true;
            }
        }
        return false;
    }

    /** A password ten times longer than a short value cannot reach the ratio (Django 4.2's shortcut). */
    private static boolean muchLonger(String password, String value, double maxSimilarity) {
        int passwordLength = password.codePointCount(0, password.length());
        int valueLength = value.codePointCount(0, value.length());
        return passwordLength >= 10 * valueLength && valueLength < maxSimilarity / 2 * passwordLength;
    }

    /** difflib.SequenceMatcher.quick_ratio: twice the shared characters (as multisets) over both lengths. */
    static double quickRatio(String a, String b) {
        int lengths = a.codePointCount(0, a.length()) + b.codePointCount(0, b.length());
        if (lengths == 0) {
            return 1.0;
        }
        Map<Integer, Integer> available = new HashMap<>();
        b.codePoints().forEach(c -> available.merge(c, 1, Integer::sum));
        int matches = 0;
        for (int c : a.codePoints().toArray()) {
            Integer left = available.get(c);
            if (left != null && left > 0) {
                available.put(c, left - 1);
                matches++;
            }
        }
        return 2.0 * matches / lengths;
    }
}
