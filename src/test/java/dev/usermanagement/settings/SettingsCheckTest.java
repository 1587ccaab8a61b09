package dev.usermanagement.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    private static final Path CLASSES = Path.of("target/classes");

    /** A setting without a rule would fail deep in a deployment again instead of in one line. */
    @Test
    void everyInjectedSettingHasARule() throws IOException {
        Set<String> injected = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(file -> file.toString().endsWith(".class"))
                    .map(SettingsCheckTest::load)
                    .flatMap(type -> Arrays.stream(type.getDeclaredFields()))
                    .map(field -> field.getAnnotation(ConfigProperty.class))
                    .filter(property -> property != null)
                    .forEach(property -> injected.add(property.name()));
        }
        assertTrue(injected.size() > 20, "found the service's settings: " + injected);
        injected.removeAll(SettingsCheck.checkedNames());
        assertEquals(Set.of(), injected);
    }

    @Test
    void theMessageNamesTheSettingAndItsEnvironmentVariable() {
        var invalid = new InvalidSetting("users.token.access-lifetime-seconds", "-5", "must be positive");
        assertEquals("Invalid setting users.token.access-lifetime-seconds (environment USERS_TOKEN_ACCESS_LIFETIME_SECONDS)"
                + " = \"-5\": must be positive", invalid.getMessage());
    }

    private static Class<?> load(Path file) {
        String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
            return Class.forName(name, false, SettingsCheckTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
