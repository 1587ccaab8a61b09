package dev.usermanagement.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.usermanagement.health.ServiceMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcceptedTokensTest {

    private static final long NOW = 1_800_000_000L;

    private final AcceptedTokens accepted = new AcceptedTokens();
    private int reuses;

    @BeforeEach
    void setUp() {
        at(NOW);
        accepted.maxEntries = 2;
        accepted.metrics = new ServiceMetrics() {
            @Override
            public void acceptedTokenReused() {
                reuses++;
            }
        };
    }

    private void at(long epochSecond) {
        accepted.clock = Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void onlyTheExactTextIsFound() {
        var token = verified("aaa.bbb.ccc", NOW + 60);
        accepted.remember("aaa.bbb.ccc", token, Set.of());
        assertSame(token, accepted.find("aaa.bbb.ccc").orElseThrow().caller());
        assertTrue(accepted.find("aaa.bbb.ccd").isEmpty());
        assertTrue(accepted.find("aaa.bbx.ccc").isEmpty());
        assertTrue(accepted.find("aaa.bbb.ccc ").isEmpty());
        assertEquals(1, reuses);
    }

    @Test
    void aTokenIsRefusedFromTheSecondOfItsExpiry() {
        accepted.remember("t", verified("t", NOW + 60), Set.of());
        at(NOW + 59);
        assertTrue(accepted.find("t").isPresent());
        at(NOW + 60);
        assertTrue(accepted.find("t").isEmpty());
        at(NOW + 59);
        assertTrue(accepted.find("t").isEmpty(), "an expired entry is dropped, not kept for a clock going back");
    }

    @Test
    void whatTheContainerMadeOfAnotherTextIsNotRemembered() {
        accepted.remember("presented", verified("something else", NOW + 60), Set.of());
        assertTrue(accepted.find("presented").isEmpty());
    }

    @Test
    void whenFullExpiredEntriesMakeRoomAndLiveOnesAreKept() {
        accepted.remember("a", verified("a", NOW + 10), Set.of());
        accepted.remember("b", verified("b", NOW + 100), Set.of());
        accepted.remember("c", verified("c", NOW + 100), Set.of());
        assertTrue(accepted.find("c").isEmpty(), "full of live tokens: the newcomer is verified each time instead");
        at(NOW + 10);
        accepted.remember("c", verified("c", NOW + 100), Set.of());
        assertTrue(accepted.find("b").isPresent());
        assertTrue(accepted.find("c").isPresent());
    }

    @Test
    void aChangedKeyRingForgetsEverything() {
        accepted.remember("t", verified("t", NOW + 60), Set.of("g"));
        assertEquals(Set.of("g"), accepted.find("t").orElseThrow().groups());
        accepted.keysChanged(new KeyRingChanged(List.of("k2")));
        assertTrue(accepted.find("t").isEmpty());
    }

    private static JsonWebToken verified(String raw, long exp) {
        Map<String, Object> claims = Map.of("raw_token", raw, "exp", exp);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "user";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
