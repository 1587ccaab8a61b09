package dev.usermanagement.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What an operator watches, served by Payara's MicroProfile Metrics at /metrics?scope=application. Counts
 * and durations only: no metric carries a username, token, password or hash.
 */
@ApplicationScoped
public class ServiceMetrics {

    @Inject
    MetricRegistry registry;

    private Counter loginsSucceeded;
    private Counter loginsFailed;
    private Counter loginsThrottled;
    private Counter registrations;
    private Counter refreshes;
    private Counter logouts;
    private Counter revokedTokenRejections;
    private Counter acceptedTokenReuses;
    private Timer passwordHashTime;
    private Counter passwordChanges;
    private Map<String, Counter> accountDeletions;
    private Map<String, Counter> operatorActions;

    /** The kinds of operator action, each a series of operator_actions_total from the start. */
    private static final List<String> OPERATOR_ACTIONS = List.of("list", "read", "deactivate", "reactivate", "logout", "delete");

    /**
     * Eager, so that every series is exported at 0 from the start: a rate or an alert over a counter that
     * appears only at its first increment sees nothing on a fresh instance (Prometheus practice).
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating the bean is the point: @PostConstruct registers every counter
    }

    @PostConstruct
    void register() {
        loginsSucceeded = registry.counter("logins", new Tag("outcome", "succeeded"));
        loginsFailed = registry.counter("logins", new Tag("outcome", "failed"));
        loginsThrottled = registry.counter("logins", new Tag("outcome", "throttled"));
        registrations = registry.counter("registrations");
        refreshes = registry.counter("refreshes");
        logouts = registry.counter("logouts");
        revokedTokenRejections = registry.counter("revoked_token_rejections");
        acceptedTokenReuses = registry.counter("accepted_token_reuses");
        passwordHashTime = registry.timer("password_hash_time");
        passwordChanges = registry.counter("password_changes");
        accountDeletions = series("account_deletions", "by", List.of("self", "operator"));
        operatorActions = series("operator_actions", "action", OPERATOR_ACTIONS);
    }

    private Map<String, Counter> series(String name, String label, List<String> values) {
        return values.stream().collect(Collectors.toMap(Function.identity(), value -> registry.counter(name, new Tag(label, value))));
    }

    public void loginSucceeded() {
        loginsSucceeded.inc();
    }

    public void loginFailed() {
        loginsFailed.inc();
    }

    public void loginThrottled() {
        loginsThrottled.inc();
    }

    public void registered() {
        registrations.inc();
    }

    public void refreshed() {
        refreshes.inc();
    }

    public void loggedOut() {
        logouts.inc();
    }

    public void revokedTokenRejected() {
        revokedTokenRejections.inc();
    }

    /** A Bearer token accepted again from memory, its signature not verified a second time. */
    public void acceptedTokenReused() {
        acceptedTokenReuses.inc();
    }

    public void passwordChanged() {
        passwordChanges.inc();
    }

    /** by: "self" or "operator". */
    public void accountDeleted(String by) {
        accountDeletions.get(by).inc();
    }

    public void operatorActed(String action) {
        operatorActions.get(action).inc();
    }

    public void passwordHashed(Duration took) {
        passwordHashTime.update(took);
    }
}
