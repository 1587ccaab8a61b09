package dev.usermanagement.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration rules for passwords (ASVS 5 V6.2.1 minimum length, V6.2.9 long passphrases allowed).
 * The password is measured exactly as sent: nothing is trimmed or normalized.
 */
@ApplicationScoped
public class PasswordPolicy {

    @Inject
    @ConfigProperty(name = "users.password.min-length", defaultValue = "8")
    int minLength;

    @Inject
    @ConfigProperty(name = "users.password.max-length", defaultValue = "1024")
    int maxLength;

    public List<String> violations(String password) {
        List<String> messages = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length > maxLength) {
            messages.add("Ensure this field has no more than " + maxLength + " characters.");
        }
        if (length < minLength) {
            messages.add("This password is too short. It must contain at least " + minLength + " characters.");
        }
        return messages;
    }
}
