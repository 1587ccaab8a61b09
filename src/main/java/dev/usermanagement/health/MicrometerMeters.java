package dev.usermanagement.health;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * WildFly: Micrometer, whose registry the server's micrometer subsystem provides (README "Deploying the
 * WAR"). Names carry the _total suffix in Prometheus output, as MicroProfile Metrics' do.
 */
@Dependent
class MicrometerMeters extends Meters {

    @Inject
    MeterRegistry registry;

    @Override
    Runnable counter(String name, String label, String value) {
        var counter = label == null ? registry.counter(name) : registry.counter(name, label, value);
        return counter::increment;
    }

    @Override
    Consumer<Duration> timer(String name) {
        return registry.timer(name)::record;
    }
}
