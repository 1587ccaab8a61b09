package dev.usermanagement.users.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts in a map of the data grid, so that N instances allow an attacker what one does. Each entry
 * expires by itself once it would be forgotten; an update is a compare-and-set on the encoded text, retried
 * when another instance changed the entry meanwhile. A grid that does not answer within the wait (a member
 * that owns the entry froze) must not hold up every login: the check then finds no failures, logged, rather
 * than failing the login; a failure that cannot be recorded is logged and dropped.
 */
final class GridFailureCounts implements FailureCounts {

    private static final Logger LOG = Logger.getLogger(GridFailureCounts.class.getName());

    private final IMap<String, String> counts;
    private final long keepMillis;
    private final long waitMillis;

    GridFailureCounts(Object hazelcast, String name, Duration keep, Duration wait) {
        counts = ((HazelcastInstance) hazelcast).getMap(name);
        keepMillis = keep.toMillis();
        waitMillis = wait.toMillis();
    }

    @Override
    public Failures get(String key) {
        try {
            return Failures.decode(counts.getAsync(key).toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException | RuntimeException gridSlow) {
            LOG.log(Level.WARNING, "Failed-login counts not read from the data grid within {0} ms: {1}",
                    new Object[] {waitMillis, gridSlow.toString()});
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void update(String key, UnaryOperator<Failures> change) {
        try {
            compareAndSet(key, change);
        } catch (RuntimeException gridFailed) {
            LOG.log(Level.WARNING, "A failed login was not counted in the data grid: {0}", gridFailed.toString());
        }
    }

    private void compareAndSet(String key, UnaryOperator<Failures> change) {
        while (true) {
            String old = counts.get(key);
            String next = change.apply(Failures.decode(old)).encoded();
            if (old == null) {
                if (counts.putIfAbsent(key, next, keepMillis, TimeUnit.MILLISECONDS) == null) {
                    return;
                }
            } else if (counts.replace(key, old, next)) {
                counts.setTtl(key, keepMillis, TimeUnit.MILLISECONDS); // a replaced entry keeps its first expiry
                return;
            }
        }
    }

    @Override
    public void remove(String key) {
        counts.removeAsync(key);
    }
}
