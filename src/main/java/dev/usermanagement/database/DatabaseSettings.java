package dev.usermanagement.database;

import dev.usermanagement.settings.InvalidSetting;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** users.db.url, user and password; the URL's scheme picks the driver (H2 embedded, or PostgreSQL). */
public record DatabaseSettings(String url, String user, String password) {

    static final String URL = "users.db.url";
    private static final String H2 = "jdbc:h2:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    public DatabaseSettings {
        if (!url.startsWith(H2) && !url.startsWith(POSTGRESQL)) {
            // Only the scheme is repeated: the rest of a URL may carry a password.
            throw new InvalidSetting(URL, url.replaceFirst("^([^:]*:[^:]*:).*", "$1..."), "must be a jdbc:h2: or jdbc:postgresql: URL");
        }
    }

    public static DatabaseSettings from(Config config) {
        return new DatabaseSettings(config.getValue(URL, String.class),
                config.getOptionalValue("users.db.user", String.class).orElse(""),
                config.getOptionalValue("users.db.password", String.class).orElse(""));
    }

    DataSource dataSource() {
        if (url.startsWith(POSTGRESQL)) {
            var postgresql = new PGSimpleDataSource();
            postgresql.setURL(url);
            postgresql.setUser(user);
            postgresql.setPassword(password);
            return postgresql;
        }
        var h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
    }
}
