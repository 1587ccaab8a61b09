package dev.usermanagement.database;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Failures that mean the database cannot answer now, rather than that the request or the code is wrong. */
public final class DatabaseOutage {

    /** SQLSTATE classes: 08 connection, 40 rollback (deadlock, serialization), 53 resources, 57 operator. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");
    /** H2's own: lock timeout, database closed, file in use, connection broken, database closed, exclusive use. */
    private static final Set<String> H2_STATES = Set.of("HYT00", "90098", "90020", "90067", "90121", "90135");

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockTimeoutException || cause instanceof PessimisticLockException
                    || cause instanceof QueryTimeoutException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (transientState(sql.getSQLState()) || poolExhausted(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        return state != null && (H2_STATES.contains(state) || state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)));
    }

    /** Payara's pool reports a connection it could not allocate in time with no SQLSTATE. */
    private static boolean poolExhausted(SQLException sql) {
        return sql.getSQLState() == null && String.valueOf(sql.getMessage()).startsWith("Error in allocating a connection");
    }
}
