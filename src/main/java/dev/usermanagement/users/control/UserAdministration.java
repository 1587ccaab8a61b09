package dev.usermanagement.users.control;

import dev.usermanagement.health.ServiceMetrics;
import dev.usermanagement.sessions.control.SessionStore;
import dev.usermanagement.web.ClientError;
import dev.usermanagement.web.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What operators do to users. Every action is one log line of key=value pairs (operator, action, target,
 * time) for a log shipper, with ids and the operator's name only: nothing secret (ASVS 5 V16.2.1).
 */
@ApplicationScoped
public class UserAdministration {

    private static final Logger LOG = Logger.getLogger(UserAdministration.class.getName());

    /** Who acts, as the access token names them. */
    public record Operator(String userId, String username) {
    }

    /** One page of users and the total, in Django REST framework's page-number terms. */
    public record Page(long count, int number, boolean hasNext, List<UserOverview> results) {
    }

    @Inject
    UserStore store;

    @Inject
    SessionStore sessions;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "users.admin.page-size", defaultValue = "50")
    int pageSize;

    /** Page "last" or a number from 1; a page past the end is refused as DRF refuses it. */
    public Page list(Operator operator, String search, String page) {
        long count = store.count(search);
        int last = (int) Math.max(1, (count + pageSize - 1) / pageSize);
        int number = pageNumber(page, last);
        List<UserOverview> results = store.overviews(search, (number - 1) * pageSize, pageSize);
        audit(operator, "list", "-");
        return new Page(count, number, number < last, results);
    }

    public UserOverview read(Operator operator, String userId) {
        UserOverview user = store.overview(userId).orElseThrow(UserNotFound::new);
        audit(operator, "read", userId);
        return user;
    }

    public void requireExisting(String userId) {
        store.find(userId).orElseThrow(UserNotFound::new);
    }

    /** Deactivating or reactivating ends every session of the user at once. */
    public UserOverview setActive(Operator operator, String userId, boolean active) {
        store.setActive(userId, active).orElseThrow(UserNotFound::new);
        audit(operator, active ? "reactivate" : "deactivate", userId);
        return store.overview(userId).orElseThrow(UserNotFound::new);
    }

    public void logoutEverywhere(Operator operator, String userId) {
        requireExisting(userId);
        sessions.revokeAll(userId);
        audit(operator, "logout", userId);
    }

    public void delete(Operator operator, String userId) {
        if (!store.delete(userId)) {
            throw new UserNotFound();
        }
        metrics.accountDeleted("operator");
        audit(operator, "delete", userId);
    }

    private int pageNumber(String page, int last) {
        if (page == null) {
            return 1;
        }
        if (page.equals("last")) {
            return last;
        }
        try {
            int number = Integer.parseInt(page);
            if (number >= 1 && number <= last) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as any page that does not exist
        }
        throw new InvalidPage();
    }

    private void audit(Operator operator, String action, String target) {
        metrics.operatorActed(action);
        LOG.info(() -> "operator_action operator_id=" + operator.userId() + " operator=" + LogText.of(operator.username())
                + " action=" + action + " target=" + target + " time=" + clock.instant());
    }

    /** No user has this id. */
    public static class UserNotFound extends ClientError {

        public UserNotFound() {
            super(Response.Status.NOT_FOUND, "Not found.");
        }
    }

    /** DRF's answer for a page that does not exist. */
    public static class InvalidPage extends ClientError {

        public InvalidPage() {
            super(Response.Status.NOT_FOUND, "Invalid page.");
        }
    }
}
