package dev.usermanagement.settings;

import java.util.Locale;

/** A configuration value the service cannot start with; the message is the one line an operator reads. */
public class InvalidSetting extends RuntimeException {

    public InvalidSetting(String name, String value, String rule) {
        super("Invalid setting " + name + " (environment " + environmentName(name) + ") = \"" + value + "\": " + rule,
                null, false, false);
    }

    /** MicroProfile Config's environment mapping: non-alphanumerics become '_', then upper case. */
    static String environmentName(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
