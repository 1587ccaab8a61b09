package dev.usermanagement.sessions.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tells the other instances of the data grid (Payara's Hazelcast, the same grid the launcher names
 * after the storage) which sessions ended, so that their LiveSessions forget them too. Without a grid
 * (clustering off, WildFly, a Payara Server without Hazelcast) each instance re-reads a session after
 * users.session.cache-seconds.
 */
@ApplicationScoped
public class SessionBroadcast {

    private static final Logger LOG = Logger.getLogger(SessionBroadcast.class.getName());
    private static final String TOPIC = "user-management.sessions-ended";

    @Inject
    LiveSessions live;

    private GridTopic topic;

    /** Eager: an instance that never ends a session itself must still hear about the others' logouts. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating the bean is the point: @PostConstruct joins the topic
    }

    @PostConstruct
    void join() {
        try {
            topic = new GridTopic(InitialContext.doLookup("payara/Hazelcast"), TOPIC,
                    message -> live.forget(SessionsEnded.decode(message)));
        } catch (NamingException | RuntimeException | LinkageError noGrid) {
            LOG.warning(() -> "No data grid (" + noGrid.getMessage() + "): other instances notice a logout"
                    + " only when they read the session again (users.session.cache-seconds)");
        }
    }

    @PreDestroy
    void leave() {
        if (topic != null) {
            topic.leave();
        }
    }

    void publish(SessionsEnded ended) {
        if (topic != null) {
            topic.publish(ended.encoded());
        }
    }
}
