package dev.usermanagement.web;

/** Text from a client made fit for one log line: no control characters (CWE-117), bounded length. */
public final class LogText {

    private static final int MAX_LENGTH = 200;

    private LogText() {
    }

    public static String of(String text) {
        String flat = String.valueOf(text).replaceAll("\\p{Cntrl}", " ");
        return flat.length() > MAX_LENGTH ? flat.substring(0, MAX_LENGTH) + "..." : flat;
    }
}
