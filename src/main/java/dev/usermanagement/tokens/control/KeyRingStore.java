package dev.usermanagement.tokens.control;

import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The signing keys in the database, so that instances sharing it share them without a shared disk (issue
 * 15): one row, changed read-modify-write under its lock, so that instances starting or rotating at once
 * make one first key and one successor, never one each. The key file of earlier versions is imported into
 * the first row, so an upgrade keeps every issued token valid.
 */
public final class KeyRingStore {

    private static final Logger LOG = Logger.getLogger(KeyRingStore.class.getName());
    private static final int ROW = 1;
    /** Instances creating the first row at once: the losers read the winner's row on the next attempt. */
    private static final int ATTEMPTS = 3;
    private static final String INTEGRITY_VIOLATION = "23"; // SQLSTATE class, ISO/IEC 9075

    private final DataSource database;
    private final KeyEncryption encryption;
    private final Path importFile;

    public KeyRingStore(DataSource database, KeyEncryption encryption, Path importFile) {
        this.database = database;
        this.encryption = encryption;
        this.importFile = importFile;
    }

    /** The ring after the change, written if it differs from what is stored or is not kept as the setting asks. */
    public JWKSet update(UnaryOperator<JWKSet> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return updateOnce(change);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || e.getSQLState() == null || !e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                    throw new IllegalStateException("Cannot read or write the signing keys in the database: " + e.getMessage(), e);
                }
            }
        }
    }

    private JWKSet updateOnce(UnaryOperator<JWKSet> change) throws SQLException {
        try (Connection connection = database.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                String stored = lockedRing(connection);
                JWKSet current = stored == null ? imported() : encryption.open(stored);
                JWKSet changed = change.apply(current);
                if (stored == null) {
                    write(connection, "INSERT INTO signing_key_ring (ring, changed_at, id, version) VALUES (?, ?, ?, 1)", changed);
                } else if (!changed.toString(false).equals(current.toString(false)) || !encryption.keeps(stored)) {
                    write(connection, "UPDATE signing_key_ring SET ring = ?, changed_at = ?, version = version + 1 WHERE id = ?", changed);
                }
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static String lockedRing(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT ring FROM signing_key_ring WHERE id = ? FOR UPDATE")) {
            select.setInt(1, ROW);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private void write(Connection connection, String sql, JWKSet ring) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setString(1, encryption.seal(ring));
            write.setTimestamp(2, Timestamp.from(Instant.now()));
            write.setInt(3, ROW);
            write.executeUpdate();
        }
    }

    private JWKSet imported() {
        if (importFile == null || !Files.isRegularFile(importFile)) {
            return new JWKSet();
        }
        JWKSet ring = KeyRing.read(importFile);
        LOG.warning(() -> "Imported " + ring.getKeys().size() + " signing keys from " + importFile + " into the database."
                + " The file is no longer read or written: delete it once every instance runs this version.");
        return ring;
    }
}
