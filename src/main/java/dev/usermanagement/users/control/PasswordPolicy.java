package dev.usermanagement.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration rules for passwords, Django's validators as the contract names them: ASVS 5 V6.2.1
 * (length), V6.2.4 (not a common password), V6.2.11 (not derived from the username). The password itself
 * is never trimmed or normalized; only the comparisons fold case.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final String COMMON_LIST = "passwords/common-passwords.txt.gz";

    @Inject
    @ConfigProperty(name = "users.password.min-length", defaultValue = "8")
    int minLength;

    @Inject
    @ConfigProperty(name = "users.password.max-length", defaultValue = "1024")
    int maxLength;

    @Inject
    @ConfigProperty(name = "users.password.max-similarity", defaultValue = "0.7")
    double maxSimilarity;

    private Set<String> common;

    @PostConstruct
    void loadCommonPasswords() {
        var resource = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_LIST);
        if (resource == null) {
            throw new IllegalStateException("Missing resource " + COMMON_LIST);
        }
        try (var lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
            common = lines.lines().map(String::strip).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMON_LIST, e);
        }
    }

    /** Every rule the password breaks, in the contract's order; username may be null when it was unusable. */
    public List<String> violations(String password, String username) {
        int length = password.codePointCount(0, password.length());
        if (length > maxLength) {
            return List.of("Ensure this field has no more than " + maxLength + " characters.");
        }
        List<String> messages = new ArrayList<>();
        if (length < minLength) {
            messages.add("This password is too short. It must contain at least " + minLength + " characters.");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT).strip())) {
            messages.add("This password is too common.");
        }
        if (password.codePoints().allMatch(Character::isDigit)) {
            messages.add("This password is entirely numeric.");
        }
        if (username != null && PasswordSimilarity.tooSimilar(password, username, maxSimilarity)) {
            messages.add("The password is too similar to the username.");
        }
        return messages;
    }
}
