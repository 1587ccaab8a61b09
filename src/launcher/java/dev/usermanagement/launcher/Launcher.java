package dev.usermanagement.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Main class of the uber jar. Payara's data grid joins every member with the same cluster name that it
 * finds on its TCP/IP member list, so instances on different data folders (or databases) must not share
 * one: the name is derived from the storage the instance uses, unless --clustername is given.
 */
public final class Launcher {

    /** Referenced so that the lock lives as long as the process. */
    private static FileLock heldLock;

    private Launcher() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        // STACK.md "Network safety": without these Hazelcast phones home and probes cloud metadata.
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.socket.bind.any", "false");
        System.setProperty("java.net.preferIPv4Stack", "true");
        // Without it every Json.createReader/createObjectBuilder (ours and MicroProfile JWT's, several per
        // request) searches the class path for a provider: 20 % of the CPU of GET /me in a JFR profile.
        System.setProperty("jakarta.json.provider", "org.eclipse.parsson.JsonProviderImpl");
        // Standalone, a wrong setting ends the process with one clear line (the WAR's SettingsCheck).
        System.setProperty("users.exit-on-invalid-setting", "true");
        inlineArgon2();
        createDataFolder();
        // Absolute from here on: H2 refuses a file URL that is implicitly relative ("data/users").
        System.setProperty("users.data.dir", dataFolder().toString());
        if (databaseServer().isEmpty()) {
            lockDataFolder();
        }
        List<String> options = new ArrayList<>(List.of(args));
        if (options.stream().noneMatch("--clustername"::equalsIgnoreCase)) {
            options.add("--clustername");
            options.add(gridName());
        }
        Class.forName("fish.payara.micro.PayaraMicro")
                .getMethod("main", String[].class)
                .invoke(null, (Object) options.toArray(String[]::new));
    }

    /**
     * In the server C2 compiled password4j's Argon2 round functions as separate calls (a JFR profile showed
     * f, fBlaMka and rotr64 as hot methods of their own); hashing took 5 times as long as in a plain JVM.
     * A compiler directive, the runtime form of -XX:CompileCommand=inline, halves it.
     */
    private static void inlineArgon2() throws IOException {
        Path directive = Files.createTempFile("user-management-jit", ".json");
        Files.writeString(directive, "[{ match: \"com/password4j/*.*\", inline: \"+com/password4j/*.*\" }]");
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {directive.toString()}}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException notHotSpot) {
            System.err.println("user-management: compiler directive not applied (" + notHotSpot + "); password hashing is slower");
        } finally {
            Files.deleteIfExists(directive);
        }
    }

    /** Instances on one database server share a grid (they tell each other about logouts); others never do. */
    static String gridName() {
        String storage = databaseServer().orElse(dataFolder().toString());
        return "users-" + HexFormat.of().formatHex(sha256(storage), 0, 8);
    }

    /** The URL of a database server (PostgreSQL, H2 over TCP/SSL); empty for H2 embedded in this process. */
    private static Optional<String> databaseServer() {
        return Optional.ofNullable(setting("users.db.url", "USERS_DB_URL"))
                .filter(url -> !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:"));
    }

    /** The database and the keys live here: readable by the service's user only (ASVS 5 V13.3). */
    private static void createDataFolder() throws IOException {
        Path folder = dataFolder();
        if (!Files.exists(folder) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /**
     * Two processes on one H2 file would fail late and confusingly (or, with the wrong URL settings,
     * corrupt it): the lock is taken before Payara boots and held until the JVM ends, crash included.
     */
    private static void lockDataFolder() throws IOException {
        Path lockFile = dataFolder().resolve(".instance.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            System.err.println("user-management: the data folder " + dataFolder() + " is in use by another instance"
                    + " (it holds " + lockFile + "). Give each instance its own USERS_DATA_DIR.");
            System.exit(2);
        }
        heldLock = lock;
    }

    private static Path dataFolder() {
        return Path.of(orDefault(setting("users.data.dir", "USERS_DATA_DIR"), "./data")).toAbsolutePath().normalize();
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
