package dev.usermanagement.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Main class of the uber jar. Payara's data grid joins every member with the same cluster name that it
 * finds on its TCP/IP member list, so instances on different data folders (or databases) must not share
 * one: the name is derived from the storage the instance uses, unless --clustername is given.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        // STACK.md "Network safety": without these Hazelcast phones home and probes cloud metadata.
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.socket.bind.any", "false");
        System.setProperty("java.net.preferIPv4Stack", "true");
        List<String> options = new ArrayList<>(List.of(args));
        if (options.stream().noneMatch("--clustername"::equalsIgnoreCase)) {
            options.add("--clustername");
            options.add(gridName());
        }
        Class.forName("fish.payara.micro.PayaraMicro")
                .getMethod("main", String[].class)
                .invoke(null, (Object) options.toArray(String[]::new));
    }

    static String gridName() {
        String database = setting("users.db.url", "USERS_DB_URL");
        String storage = database != null && !database.startsWith("jdbc:h2:")
                ? database
                : Path.of(orDefault(setting("users.data.dir", "USERS_DATA_DIR"), "./data")).toAbsolutePath().normalize().toString();
        return "users-" + HexFormat.of().formatHex(sha256(storage), 0, 8);
    }

    private static String setting(String property, String environment) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environment);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
