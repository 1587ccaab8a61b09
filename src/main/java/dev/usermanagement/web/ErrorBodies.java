package dev.usermanagement.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The {"detail": ...} texts of the contract for errors the container or JAX-RS detects. */
public final class ErrorBodies {

    public static final String NOT_FOUND = "Not found.";
    public static final String SERVER_ERROR = "A server error occurred.";
    public static final String SERVICE_UNAVAILABLE = "Service temporarily unavailable, try again later.";
    public static final String TOKEN_INVALID = "Token is invalid or expired";

    private ErrorBodies() {
    }

    public static JsonObject detail(String message) {
        return Json.createObjectBuilder().add("detail", message).build();
    }

    /** The message for a status that has no more specific cause. */
    public static String forStatus(int status, String method, String contentType) {
        return switch (status) {
            case 400 -> "Bad request.";
            case 401 -> TOKEN_INVALID;
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> NOT_FOUND;
            case 405 -> "Method \"" + method + "\" not allowed.";
            case 406 -> "Could not satisfy the request Accept header.";
            case 413 -> "Request body too large.";
            case 414 -> "Request line too long.";
            case 415 -> "Unsupported media type \"" + (contentType == null ? "" : contentType) + "\" in request.";
            case 431 -> "Request header fields too large.";
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? SERVER_ERROR : "Request failed.";
        };
    }
}
