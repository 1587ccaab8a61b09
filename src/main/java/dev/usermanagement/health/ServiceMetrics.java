package dev.usermanagement.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an operator watches, served by the server's metrics (Meters): on Payara at /metrics?scope=application.
 * Counts and durations only: no metric carries a username, token, password or hash.
 */
@ApplicationScoped
public class ServiceMetrics {

    private Runnable loginsSucceeded;
    private Runnable loginsFailed;
    private Runnable loginsThrottled;
    private Runnable registrations;
    private Runnable refreshes;
    private Runnable logouts;
    private Runnable revokedTokenRejections;
    private Runnable acceptedTokenReuses;
    private Consumer<Duration> passwordHashTime;
    private Runnable passwordChanges;
    private Map<String, Runnable> accountDeletions;
    private Map<String, Runnable> operatorActions;

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
        Meters meters = Meters.ofServer();
        loginsSucceeded = meters.counter("logins", "outcome", "succeeded");
        loginsFailed = meters.counter("logins", "outcome", "failed");
        loginsThrottled = meters.counter("logins", "outcome", "throttled");
        registrations = meters.counter("registrations", null, null);
        refreshes = meters.counter("refreshes", null, null);
        logouts = meters.counter("logouts", null, null);
        revokedTokenRejections = meters.counter("revoked_token_rejections", null, null);
        acceptedTokenReuses = meters.counter("accepted_token_reuses", null, null);
        passwordHashTime = meters.timer("password_hash_time");
        passwordChanges = meters.counter("password_changes", null, null);
        accountDeletions = series(meters, "account_deletions", "by", List.of("self", "operator"));
        operatorActions = series(meters, "operator_actions", "action", OPERATOR_ACTIONS);
    }

    private static Map<String, Runnable> series(Meters meters, String name, String label, List<String> values) {
        return values.stream().collect(Collectors.toMap(Function.identity(), value -> meters.counter(name, label, value)));
    }

    public void loginSucceeded() {
        loginsSucceeded.run();
    }

    public void loginFailed() {
        loginsFailed.run();
    }

    public void loginThrottled() {
        loginsThrottled.run();
    }

    public void registered() {
        registrations.run();
    }

    public void refreshed() {
        refreshes.run();
    }

    public void loggedOut() {
        logouts.run();
    }

    public void revokedTokenRejected() {
        revokedTokenRejections.run();
    }

    /** A Bearer token accepted again from memory, its signature not verified a second time. */
    public void acceptedTokenReused() {
        acceptedTokenReuses.run();
    }

    public void passwordChanged() {
        passwordChanges.run();
    }

    /** by: "self" or "operator". */
    public void accountDeleted(String by) {
        accountDeletions.get(by).run();
    }

    public void operatorActed(String action) {
        operatorActions.get(action).run();
    }

    public void passwordHashed(Duration took) {
        passwordHashTime.accept(took);
    }
}
