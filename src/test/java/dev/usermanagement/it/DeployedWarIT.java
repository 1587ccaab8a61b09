package dev.usermanagement.it;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The HTTP contract against target/user-management.war on another server, started by src/servers/run.sh
 * (.ci/servers.sh): ./mvnw verify -Dit.test=DeployedWarIT -Dit.server.url=http://127.0.0.1:PORT/ -Dit.server=NAME
 */
@EnabledIfSystemProperty(named = "it.server.url", matches = ".+")
class DeployedWarIT extends HttpContract {

    /** Payara Server 6 has no Jakarta Security 4.0 to hand its MicroProfile JWT a normalized header. */
    @Override
    boolean acceptsTheBearerSchemeInAnyCase() {
        return !"payara-server".equals(System.getProperty("it.server"));
    }

    @Override
    URL service() {
        try {
            return URI.create(System.getProperty("it.server.url")).toURL();
        } catch (MalformedURLException unusable) {
            throw new IllegalArgumentException("it.server.url", unusable);
        }
    }
}
