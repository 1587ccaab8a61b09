package dev.usermanagement.grid;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's data grid (Hazelcast), the one the launcher names after the storage, when this server has one.
 * Handed out as Object: only the classes that use it (GridFanOut, GridFailureCounts) name Hazelcast types, and
 * they are loaded only when it is there, so the WAR still deploys on WildFly and on a Payara without it.
 */
@ApplicationScoped
public class DataGrid {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

    private Object hazelcast;

    @PostConstruct
    void find() {
        try {
            hazelcast = InitialContext.doLookup("payara/Hazelcast");
        } catch (NamingException | RuntimeException noGrid) {
            LOG.warning(() -> "No data grid (" + noGrid.getMessage() + "): this instance shares neither logouts nor"
                    + " failed-login counts with others; they see a logout after users.session.cache-seconds");
        }
    }

    /** The HazelcastInstance, or empty when this server runs without a grid. */
    public Optional<Object> hazelcast() {
        return Optional.ofNullable(hazelcast);
    }
}
