package dev.usermanagement.health;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Payara (Micro and Server): MicroProfile Metrics, served at /metrics?scope=application. */
@Dependent
class MicroProfileMeters extends Meters {

    @Inject
    MetricRegistry registry;

    @Override
    Runnable counter(String name, String label, String value) {
        var counter = label == null ? registry.counter(name) : registry.counter(name, new Tag(label, value));
        return counter::inc;
    }

    @Override
    Consumer<Duration> timer(String name) {
        return registry.timer(name)::update;
    }
}
