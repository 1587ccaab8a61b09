package dev.usermanagement.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, for throttling and logs. X-Forwarded-For is believed only when the
 * TCP peer is one of users.http.trusted-proxies, and then read from the right: the nearest address that
 * is not a trusted proxy is the client, since everything left of it was written by the client itself
 * (OWASP ASVS 5 V4.1: do not trust client-controlled headers for security decisions).
 */
@ApplicationScoped
public class ClientAddress {

    /** Comma-separated; Payara's MP Config cannot inject Optional<List<String>>. */
    @Inject
    @ConfigProperty(name = "users.http.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> trusted;

    @PostConstruct
    void readTrustedProxies() {
        trusted = trustedProxies.stream().flatMap(list -> Stream.of(list.split(","))).map(String::strip)
                .filter(address -> !address.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")), trusted);
    }

    static String resolve(String peer, List<String> forwardedHeaders, Set<String> trusted) {
        if (!trusted.contains(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedHeaders.forEach(header -> hops.addAll(List.of(header.split(","))));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).strip();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return LogText.of(hop);
            }
        }
        return peer;
    }
}
