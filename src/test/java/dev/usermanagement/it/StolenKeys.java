package dev.usermanagement.it;

import dev.usermanagement.tokens.control.KeyEncryption;
import dev.usermanagement.tokens.control.KeyRingStore;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test deployments only (Deployments.withStolenKeys): the whole key ring, private keys included, as a thief
 * of the database and of the key-encryption key would have it. ForgedTokens signs with it to prove that
 * claims are checked too, not only signatures.
 */
@WebServlet("/it/stolen-keys")
public class StolenKeys extends HttpServlet {

    @Resource(lookup = "java:app/jdbc/users")
    DataSource database;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var store = new KeyRingStore(database, KeyEncryption.from(ConfigProvider.getConfig()), null);
        response.setContentType("application/json");
        response.getWriter().write(store.update(UnaryOperator.identity()).toString(false));
    }
}
