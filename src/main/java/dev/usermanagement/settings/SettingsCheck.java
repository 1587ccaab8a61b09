package dev.usermanagement.settings;

import dev.usermanagement.database.DatabaseSettings;
import dev.usermanagement.tokens.control.KeyEncryption;
import dev.usermanagement.tokens.control.KeyRing;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks every setting before any bean exists, so a wrong value stops the start with one line naming it
 * instead of a stack trace deep in a deployment log. Standalone (the uber jar's launcher sets
 * {@value #EXIT_PROPERTY}) the process then ends with exit code 78 (EX_CONFIG); deployed on a shared server
 * only the deployment fails. Defaults are the components' own and are not checked here.
 */
public class SettingsCheck implements Extension {

    public static final String EXIT_PROPERTY = "users.exit-on-invalid-setting";
    private static final int EX_CONFIG = 78;
    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    private static final List<String> POSITIVE = List.of(
            "users.token.access-lifetime-seconds", "users.token.refresh-lifetime-seconds",
            "users.session.absolute-lifetime-seconds", "users.argon2.memory-kib", "users.argon2.iterations",
            "users.argon2.parallelism", "users.argon2.queue-timeout-seconds", "users.throttle.first-wait-seconds",
            "users.throttle.max-wait-seconds", "users.throttle.forget-after-seconds", "users.throttle.max-tracked",
            "users.http.max-body-bytes", "users.http.max-json-nesting", "users.http.max-json-number-length",
            "users.http.max-request-line-bytes", "users.http.max-header-bytes", "users.http.retry-after-seconds",
            "users.health.database-timeout-seconds", "users.password.min-length", "users.password.max-length",
            "users.token.key-check-seconds", "users.session.cache-max-entries", "users.admin.page-size",
            "users.session.revocation-wait-millis", "users.throttle.grid-wait-millis");
    private static final List<String> NOT_NEGATIVE = List.of(
            "users.token.reuse-grace-seconds", "users.token.key-rotation-seconds", "users.token.accepted-cache-max-entries", "users.session.cache-seconds", "users.token.key-activation-delay-seconds",
            "users.argon2.max-concurrent", "users.throttle.username.free-failures",
            "users.throttle.address.free-failures", "users.shutdown.drain-seconds");
    private static final List<String> NOT_BLANK = List.of(
            "users.token.issuer", "users.token.access-audience", "users.token.refresh-audience");
    private static final List<String> OTHERS = List.of(
            "users.password.max-similarity", "users.token.rotate-refresh", "users.token.algorithm", "users.token.key-file",
            "users.token.key-encryption-key", "users.token.key-encryption-key-file",
            "users.http.trusted-proxies", "users.admin.usernames");
    /** Literal IPv4 or IPv6 addresses only: a host name would need a DNS lookup, and DNS can lie. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

    void check(@Observes BeforeBeanDiscovery event) {
        try {
            checkAll(ConfigProvider.getConfig(SettingsCheck.class.getClassLoader()));
        } catch (InvalidSetting invalid) {
            throw new DeploymentException(refuse(invalid));
        }
    }

    /** Logs the one line; standalone, ends the process. Returns the line for the deployment's own failure. */
    public static String refuse(InvalidSetting invalid) {
        LOG.severe(invalid.getMessage());
        if (Boolean.getBoolean(EXIT_PROPERTY)) {
            flushLogs();
            Runtime.getRuntime().halt(EX_CONFIG); // nothing is written yet; exit hooks would wait on the deployment
        }
        return invalid.getMessage();
    }

    /** Every setting with a rule here; SettingsCheckTest holds each @ConfigProperty of the service to it. */
    static Set<String> checkedNames() {
        return Stream.of(POSITIVE, NOT_NEGATIVE, NOT_BLANK, OTHERS).flatMap(List::stream).collect(Collectors.toSet());
    }

    static void checkAll(Config config) {
        POSITIVE.forEach(name -> wholeNumber(config, name, 1));
        NOT_NEGATIVE.forEach(name -> wholeNumber(config, name, 0));
        NOT_BLANK.forEach(name -> text(config, name).filter(String::isBlank)
                .ifPresent(value -> { throw new InvalidSetting(name, value, "must not be empty"); }));
        String access = text(config, "users.token.access-audience").orElse("");
        if (access.equals(text(config, "users.token.refresh-audience").orElse(null))) {
            throw new InvalidSetting("users.token.refresh-audience", access, "must differ from users.token.access-audience");
        }
        text(config, "users.password.max-similarity").ifPresent(value -> fraction("users.password.max-similarity", value));
        text(config, "users.token.rotate-refresh").ifPresent(value -> bool("users.token.rotate-refresh", value));
        text(config, "users.http.trusted-proxies").ifPresent(SettingsCheck::addresses);
        DatabaseSettings.from(config);
        keys(config);
    }

    private static void wholeNumber(Config config, String name, long minimum) {
        text(config, name).ifPresent(value -> {
            long number;
            try {
                number = Long.parseLong(value.strip());
            } catch (NumberFormatException notANumber) {
                number = Long.MIN_VALUE;
            }
            if (number < minimum || number > Integer.MAX_VALUE) {
                throw new InvalidSetting(name, value, "must be a whole number from " + minimum + " to " + Integer.MAX_VALUE);
            }
        });
    }

    private static void fraction(String name, String value) {
        try {
            double number = Double.parseDouble(value.strip());
            if (number >= 0 && number <= 1) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidSetting(name, value, "must be a number from 0 to 1");
    }

    private static void bool(String name, String value) {
        if (!Set.of("true", "false").contains(value.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidSetting(name, value, "must be true or false");
        }
    }

    private static void addresses(String value) {
        for (String address : value.split(",")) {
            if (!IP_LITERAL.matcher(address.strip()).matches()) {
                throw new InvalidSetting("users.http.trusted-proxies", value, "must be IP addresses separated by commas");
            }
        }
    }

    /**
     * The key-encryption key must decode to 256 bits; a key file to import must be a JWK Set. The keys
     * themselves live in the database, which the data source checks.
     */
    private static void keys(Config config) {
        String algorithm = text(config, "users.token.algorithm").orElse("");
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidSetting("users.token.algorithm", algorithm, "must be RS256 or ES256");
        }
        try {
            KeyEncryption.from(config);
        } catch (RuntimeException unusable) {
            throw new InvalidSetting("users.token.key-encryption-key", "(not shown)", rootMessage(unusable));
        }
        String file = text(config, "users.token.key-file").orElse("");
        try {
            KeyRing.importable(Path.of(file));
        } catch (RuntimeException unusable) {
            throw new InvalidSetting("users.token.key-file", file, "cannot be imported: " + rootMessage(unusable));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static Optional<String> text(Config config, String name) {
        return config.getOptionalValue(name, String.class);
    }

    private static void flushLogs() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }
}
