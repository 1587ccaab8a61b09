package dev.usermanagement.health;

import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Where ServiceMetrics' counters go: the metrics library the server offers. Each library is named only
 * inside its own subclass, a bean with the registry injected (Payara's needs an injection point); on a
 * server without that library CDI skips the subclass, so the first one CDI can resolve is the server's
 * (MicroProfile Metrics is absent from WildFly 39, Micrometer from Payara).
 */
abstract class Meters {

    private static final Logger LOG = Logger.getLogger(Meters.class.getName());

    /** A counter; label and value are null for one without a label. */
    abstract Runnable counter(String name, String label, String value);

    abstract Consumer<Duration> timer(String name);

    static Meters ofServer() {
        for (Class<? extends Meters> library : List.of(MicroProfileMeters.class, MicrometerMeters.class)) {
            var meters = CDI.current().select(library);
            if (meters.isResolvable()) {
                return meters.get();
            }
        }
        LOG.warning("Neither MicroProfile Metrics nor Micrometer on this server: the service's counters are not exported");
        return new Meters() {
            @Override
            Runnable counter(String name, String label, String value) {
                return () -> { };
            }

            @Override
            Consumer<Duration> timer(String name) {
                return took -> { };
            }
        };
    }
}
