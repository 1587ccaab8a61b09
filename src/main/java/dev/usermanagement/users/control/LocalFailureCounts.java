package dev.usermanagement.users.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Counts in this JVM, bounded: past maxTracked keys the forgotten ones go first (an address flood). */
final class LocalFailureCounts implements FailureCounts {

    private final Map<String, Failures> counts = new ConcurrentHashMap<>();
    private final int maxTracked;
    private final Predicate<Failures> forgotten;

    LocalFailureCounts(int maxTracked, Predicate<Failures> forgotten) {
        this.maxTracked = maxTracked;
        this.forgotten = forgotten;
    }

    @Override
    public Failures get(String key) {
        return counts.get(key);
    }

    @Override
    public void update(String key, UnaryOperator<Failures> change) {
        if (counts.size() >= maxTracked) {
            counts.values().removeIf(forgotten);
        }
        counts.compute(key, (k, old) -> change.apply(old));
    }

    @Override
    public void remove(String key) {
        counts.remove(key);
    }
}
