package dev.usermanagement.users.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Counts in a map of the data grid, so that N instances allow an attacker what one does. Each entry
 * expires by itself once it would be forgotten; an update is a compare-and-set on the encoded text, retried
 * when another instance changed the entry meanwhile.
 */
final class GridFailureCounts implements FailureCounts {

    private final IMap<String, String> counts;
    private final long keepMillis;

    GridFailureCounts(Object hazelcast, String name, Duration keep) {
        counts = ((HazelcastInstance) hazelcast).getMap(name);
        keepMillis = keep.toMillis();
    }

    @Override
    public Failures get(String key) {
        return Failures.decode(counts.get(key));
    }

    @Override
    public void update(String key, UnaryOperator<Failures> change) {
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
        counts.delete(key);
    }
}
