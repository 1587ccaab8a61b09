package dev.usermanagement.database;

import dev.usermanagement.settings.InvalidSetting;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** users.db.url, user and password; the URL's scheme picks the driver (H2 embedded, or PostgreSQL). */
public record DatabaseSettings(String url, String user, String password) {

    static final String URL = "users.db.url";

    public static DatabaseSettings from(Config config) {
        var settings = new DatabaseSettings(config.getValue(URL, String.class),
                config.getOptionalValue("users.db.user", String.class).orElse(""),
                config.getOptionalValue("users.db.password", String.class).orElse(""));
        settings.check();
        return settings;
    }

    public void check() {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            // Only the scheme is repeated: the rest of a URL may carry a password.
            throw new InvalidSetting(URL, url.replaceFirst("^([^:]*:[^:]*:).*", "$1..."), "must be a jdbc:h2: or jdbc:postgresql: URL");
        }
    }

    DataSource dataSource() {
        if (url.startsWith("jdbc:postgresql:")) {
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
