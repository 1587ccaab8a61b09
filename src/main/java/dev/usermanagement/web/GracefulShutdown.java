package dev.usermanagement.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import sun.misc.Signal;

/**
 * On SIGTERM (or SIGINT) Payara would stop the application under the requests it is serving, which then
 * fail. This takes the signal first: readiness goes down, requests in flight finish (bounded by the drain
 * time), and only then does the JVM shut down, so every answer given is one that was kept.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());
    private static final int SIGNAL_EXIT_BASE = 128;

    @Inject
    @ConfigProperty(name = "users.shutdown.drain-seconds", defaultValue = "15")
    long drainSeconds;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Signal.handle(new Signal("TERM"), this::drainThenExit);
        Signal.handle(new Signal("INT"), this::drainThenExit);
    }

    public void enter() {
        inFlight.incrementAndGet();
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    public boolean draining() {
        return draining.get();
    }

    private void drainThenExit(Signal signal) {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(drainSeconds));
        LOG.info(() -> "SIG" + signal.getName() + ": finishing " + inFlight.get() + " requests in flight, then stopping");
        while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.exit(SIGNAL_EXIT_BASE + signal.getNumber());
    }
}
