package dev.usermanagement.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A client of the service over real HTTP on loopback (the deployment URL names the external host). */
public final class Api {

    public static final String JSON = "application/json";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    public Api(URL deployment) {
        this(deployment.getPort());
    }

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Reply send(String method, String path, String contentType, String body, String... headers) {
        return send(method, path, contentType, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    public Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply post(String path, String json, String... headers) {
        return send("POST", path, JSON, json, headers);
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, (String) null, headers);
    }

    public Reply me(String access) {
        return get("/api/users/me/", "Authorization", "Bearer " + access);
    }

    public static String credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    public static String refreshBody(String refresh) {
        return Json.createObjectBuilder().add("refresh", refresh).build().toString();
    }

    public Reply register(String username, String password) {
        return post("/api/users/register/", credentials(username, password));
    }

    public Reply login(String username, String password) {
        return post("/api/users/login/", credentials(username, password));
    }

    public Reply refresh(String refresh) {
        return post("/api/users/token/refresh/", refreshBody(refresh));
    }

    /** Registers a fresh user and logs in: the tokens of one new session. */
    public Session newSession() {
        String username = uniqueName();
        String password = "Pw-" + UUID.randomUUID();
        expect(201, register(username, password));
        JsonObject tokens = expect(200, login(username, password)).json();
        return new Session(username, password, tokens.getString("access"), tokens.getString("refresh"));
    }

    public Session loginAgain(Session session) {
        JsonObject tokens = expect(200, login(session.username(), session.password())).json();
        return new Session(session.username(), session.password(), tokens.getString("access"), tokens.getString("refresh"));
    }

    public record Session(String username, String password, String access, String refresh) {
    }

    public static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static Reply expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply.status() + " " + reply.body());
        }
        return reply;
    }
}
