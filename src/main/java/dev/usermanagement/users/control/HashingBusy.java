package dev.usermanagement.users.control;

import dev.usermanagement.web.ServiceUnavailable;

/** More logins and registrations waiting for a password hash than the queue timeout allows: try later. */
public class HashingBusy extends ServiceUnavailable {

    private static final int RETRY_AFTER_SECONDS = 1;

    public HashingBusy() {
        super(RETRY_AFTER_SECONDS);
    }
}
