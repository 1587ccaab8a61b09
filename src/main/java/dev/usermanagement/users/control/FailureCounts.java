package dev.usermanagement.users.control;

import java.util.function.UnaryOperator;

/** Failed-login counts by key: this instance's own, or shared by every instance of the data grid. */
sealed interface FailureCounts permits LocalFailureCounts, GridFailureCounts {

    /** The failures recorded for the key; null for none. */
    Failures get(String key);

    /** Replaces the key's failures (null for none) with what change makes of them, atomically. */
    void update(String key, UnaryOperator<Failures> change);

    void remove(String key);
}
