package dev.usermanagement.database;

import java.sql.SQLException;

/** Whether a failure is the database refusing a row for a constraint (unique key, foreign key). */
public final class ConstraintViolation {

    private ConstraintViolation() {
    }

    /** SQLSTATE class 23 is "integrity constraint violation" in every SQL database. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
