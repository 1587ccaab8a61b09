package dev.usermanagement.users.control;

import java.time.Duration;
import java.time.Instant;

/** Failed logins for one username or one address: how many, the last one, and until when the next must wait. */
record Failures(int count, Instant last, Instant until) {

    boolean forgotten(Instant now, Duration forgetAfter) {
        return now.isAfter(last.plus(forgetAfter)) && !now.isBefore(until);
    }

    /** The text a grid map holds: plain text travels between members without loading this class there. */
    String encoded() {
        return count + " " + last.toEpochMilli() + " " + until.toEpochMilli();
    }

    static Failures decode(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(" ");
        return new Failures(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                Instant.ofEpochMilli(Long.parseLong(parts[2])));
    }
}
