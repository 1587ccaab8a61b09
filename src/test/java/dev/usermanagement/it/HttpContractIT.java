package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.usermanagement.it.Api.Session;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP contract through a real Payara Micro, deployed by Arquillian. */
@ExtendWith(ArquillianExtension.class)
class HttpContractIT extends HttpContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.service();
    }

    @ArquillianResource
    URL deployed;

    @Override
    URL service() {
        return deployed;
    }

    /**
     * Payara Micro only: WildFly serves Micrometer's counters on its management interface, and Payara
     * Server 6 has no Jakarta Security 4.0, so no accepted-token reuse to count.
     */
    @Test
    void metricsCountWhatHappensAndNeverCarrySecrets() {
        String failed = "logins_total{mp_scope=\"application\",outcome=\"failed\"}";
        String rejected = "revoked_token_rejections_total{mp_scope=\"application\"}";
        String registrations = "registrations_total{mp_scope=\"application\"}";
        String reuses = "accepted_token_reuses_total{mp_scope=\"application\"}";
        String before = api.get("/metrics?scope=application").body();
        Session session = api.newSession();
        api.login(session.username(), "wrong-" + session.password());
        api.post(LOGOUT, "{}", "Authorization", "Bearer " + session.access());
        api.me(session.access());
        String after = api.get("/metrics?scope=application").body();
        assertEquals(metric(before, failed) + 1, metric(after, failed));
        assertEquals(metric(before, rejected) + 1, metric(after, rejected));
        assertEquals(metric(before, registrations) + 1, metric(after, registrations));
        assertEquals(metric(before, reuses) + 1, metric(after, reuses), "verified at logout, remembered at /me, refused as revoked");
        assertTrue(after.contains("password_hash_time_seconds_count"), after);
        for (String secret : List.of(session.username(), session.password(), session.access(), session.refresh())) {
            assertFalse(after.contains(secret));
        }
    }

    private static double metric(String exposition, String name) {
        return exposition.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .orElse(0.0);
    }
}
