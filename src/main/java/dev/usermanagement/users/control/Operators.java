package dev.usermanagement.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.eclipse.microprofile.config.Config;

/**
 * Who runs the service: the usernames in users.admin.usernames, matched by the login rule. Read from the
 * configuration on every question, never remembered, so that removing a name is not outlived by a token
 * or a cache of ours (ASVS 5 V8.2: authorization decided at the time of the request).
 */
@ApplicationScoped
public class Operators {

    static final String SETTING = "users.admin.usernames";

    @Inject
    Config config;

    public boolean includes(String username) {
        if (username == null) {
            return false;
        }
        String key = UsernamePolicy.key(username);
        return Arrays.stream(config.getOptionalValue(SETTING, String.class).orElse("").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .anyMatch(name -> UsernamePolicy.key(name).equals(key));
    }
}
