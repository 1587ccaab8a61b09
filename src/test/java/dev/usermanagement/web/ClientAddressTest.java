package dev.usermanagement.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final Set<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("192.0.2.9", ClientAddress.resolve("192.0.2.9", List.of("198.51.100.7"), Set.of()));
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertEquals("192.0.2.9", ClientAddress.resolve("192.0.2.9", List.of("198.51.100.7"), PROXIES));
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedHopIsTheClient() {
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.1", List.of("198.51.100.7"), PROXIES));
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.1", List.of("203.0.113.5, 198.51.100.7, 10.0.0.2"), PROXIES),
                "what the client wrote on the left does not count");
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.1", List.of("203.0.113.5", "198.51.100.7"), PROXIES),
                "several header lines are one list");
    }

    @Test
    void aTrustedProxyWithoutHeaderIsItselfTheClient() {
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", List.of(), PROXIES));
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", List.of(" , 10.0.0.2"), PROXIES));
    }

    @Test
    void controlCharactersNeverReachTheLog() {
        assertEquals("evil forged", ClientAddress.resolve("10.0.0.1", List.of("evil\nforged"), PROXIES));
    }
}
