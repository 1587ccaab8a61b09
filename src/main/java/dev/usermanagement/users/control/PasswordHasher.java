package dev.usermanagement.users.control;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.usermanagement.health.ServiceMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Argon2id (RFC 9106) with parameters from configuration; defaults are OWASP's minimum (m=19 MiB, t=2, p=1).
 * Each hash holds its memory cost for its whole run, so only as many run at once as there are cores: 32
 * concurrent logins without the bound ran a 384 MiB heap out of memory; with it they queue.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int SERVER_HEAP_MIB = 192;
    private static final int HEAP_PER_HASH = 15;

    @Inject
    @ConfigProperty(name = "users.argon2.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "users.argon2.iterations", defaultValue = "2")
    int iterations;

    @Inject
    @ConfigProperty(name = "users.argon2.parallelism", defaultValue = "1")
    int parallelism;

    @Inject
    ServiceMetrics metrics;

    /** 0 derives it from the heap and the processors ({@link #derivedConcurrency}). */
    @Inject
    @ConfigProperty(name = "users.argon2.max-concurrent", defaultValue = "0")
    int maxConcurrent;

    /**
     * Long enough for 256 simultaneous logins to be served at this machine's hash rate (about 30 s), short
     * enough to answer 503 before a reverse proxy's usual 60 s read timeout gives up on the request.
     */
    @Inject
    @ConfigProperty(name = "users.argon2.queue-timeout-seconds", defaultValue = "50")
    long queueTimeoutSeconds;

    private Argon2Function argon2;
    private String decoyHash;
    private Semaphore running;

    @PostConstruct
    void init() {
        running = new Semaphore(maxConcurrent > 0 ? maxConcurrent
                : derivedConcurrency(Runtime.getRuntime().maxMemory(), memoryKib, Runtime.getRuntime().availableProcessors()), true);
        argon2 = Argon2Function.getInstance(memoryKib, iterations, parallelism, HASH_BYTES, Argon2.ID);
        byte[] random = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(random);
        decoyHash = hash(HexFormat.of().formatHex(random));
    }

    /**
     * A hash allocates its memory cost as 1 KiB blocks that live until it ends. When young collections
     * catch them they are copied and promoted, and the hash slows down 2 to 4 times: in a 384 MiB heap two
     * hashes at once gave 15.6 logins/s, one at a time 21.7/s; 768 MiB carried two at 31.7/s (README
     * "Performance"). So one hash per {@value #HEAP_PER_HASH} memory costs of heap beyond the server's own
     * {@value #SERVER_HEAP_MIB} MiB, at least one, at most one per processor.
     */
    static int derivedConcurrency(long maxHeapBytes, int memoryKib, int processors) {
        long spareKib = maxHeapBytes / 1024 - SERVER_HEAP_MIB * 1024L;
        long byHeap = spareKib / ((long) HEAP_PER_HASH * memoryKib);
        return (int) Math.max(1, Math.min(processors, byHeap));
    }

    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult());
    }

    public boolean matches(String password, String hash) {
        return bounded(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)));
    }

    private <T> T bounded(Supplier<T> work) {
        try {
            if (!running.tryAcquire(queueTimeoutSeconds, TimeUnit.SECONDS)) {
                throw new HashingBusy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingBusy();
        }
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            running.release();
            metrics.passwordHashed(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The same work as a real check, for a user that does not exist (ASVS 5 V6.3.8: no timing oracle). */
    public boolean matchDecoy(String password) {
        matches(password, decoyHash);
        return false;
    }

    /** True when the hash was made with other parameters than the configured ones. */
    public boolean outdated(String hash) {
        return !Argon2Function.getInstanceFromHash(hash).equals(argon2);
    }
}
