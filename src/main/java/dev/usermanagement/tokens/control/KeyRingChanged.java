package dev.usermanagement.tokens.control;

import java.util.List;

/** The signing key file now holds these key ids: a key was added, began to sign, or was retired. */
public record KeyRingChanged(List<String> keyIds) {
}
