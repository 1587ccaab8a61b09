package dev.usermanagement.web;

public class CredentialsMissing extends BearerChallenge {

    public CredentialsMissing() {
        super("Authentication credentials were not provided.");
    }
}
