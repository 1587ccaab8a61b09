package dev.usermanagement.sessions.control;

import dev.usermanagement.grid.DataGrid;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the other instances of the data grid which sessions ended, and waits until each has forgotten
 * them: the contract's "from that response on, on every instance" (issue 15; Keycloak removes sessions
 * from its replicated cache synchronously for the same reason). A member that does not confirm within
 * users.session.revocation-wait-millis is named in the log and fenced: not waited for again until it has
 * dropped everything it remembers (GridFanOut). When a member leaves the grid (crash, split), every member
 * left drops what it remembers and reads sessions from the database afresh, since it may have missed
 * messages too. Without a grid each instance re-reads a session after
 * users.session.cache-seconds.
 */
@ApplicationScoped
public class SessionBroadcast {

    private static final Logger LOG = Logger.getLogger(SessionBroadcast.class.getName());
    private static final String TOPIC = "user-management.sessions-ended";

    @Inject
    LiveSessions live;

    @Inject
    DataGrid grid;

    @Inject
    @ConfigProperty(name = "users.session.revocation-wait-millis", defaultValue = "2000")
    long waitMillis;

    private GridFanOut fanOut;

    /** Eager: an instance that never ends a session itself must still hear about the others' logouts. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating the bean is the point: @PostConstruct joins the topic
    }

    @PostConstruct
    void join() {
        grid.hazelcast().ifPresent(hazelcast -> fanOut = new GridFanOut(hazelcast, TOPIC,
                message -> live.forget(SessionsEnded.decode(message)), live::forgetAll));
    }

    @PreDestroy
    void leave() {
        if (fanOut != null) {
            fanOut.leave();
        }
    }

    /** Returns once every other instance has forgotten the sessions, or the wait is over. */
    void publish(SessionsEnded ended) {
        if (fanOut == null) {
            return;
        }
        try {
            var unconfirmed = fanOut.publish(ended.encoded(), Duration.ofMillis(waitMillis));
            if (!unconfirmed.none()) {
                LOG.warning(() -> "No confirmation within " + waitMillis + " ms that " + ended.encoded() + " ended from "
                        + unconfirmed.members() + "; fenced: told to forget every session they remember; one cut off"
                        + " from the grid does so when the grid drops it, and believes a session at most"
                        + " users.session.cache-seconds anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
