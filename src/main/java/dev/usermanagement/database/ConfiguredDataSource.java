package dev.usermanagement.database;

import dev.usermanagement.settings.InvalidSetting;
import dev.usermanagement.settings.SettingsCheck;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The vendor data source that users.db.url names, built from MicroProfile Config when the container's pool
 * first asks for a connection. Payara resolves ${MPCONFIG=} in @DataSourceDefinition before the WAR's own
 * configuration is visible and was seen to build the pool with the wrong vendor class at random; a fixed
 * class name that reads the settings itself, from the application's configuration, leaves nothing to race.
 */
public class ConfiguredDataSource implements DataSource {

    private volatile DataSource vendor;
    private String description;
    private PrintWriter logWriter;
    private int loginTimeout;

    private DataSource vendor() {
        DataSource current = vendor;
        if (current == null) {
            synchronized (this) {
                if (vendor == null) {
                    vendor = configured().dataSource();
                }
                current = vendor;
            }
        }
        return current;
    }

    /** The persistence unit connects while deploying, before SettingsCheck runs: the URL is checked here. */
    private static DatabaseSettings configured() {
        try {
            return DatabaseSettings.from(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()));
        } catch (InvalidSetting invalid) {
            SettingsCheck.refuse(invalid);
            throw invalid;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return vendor().getConnection();
    }

    /** WildFly's pool asks with no credentials when the definition names none: the configured ones apply. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return user == null ? vendor().getConnection() : vendor().getConnection(user, password);
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return vendor().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || vendor().isWrapperFor(type);
    }
}
