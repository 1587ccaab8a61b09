package dev.usermanagement.tokens.control;

public record TokenPair(String access, String refresh) {
}
