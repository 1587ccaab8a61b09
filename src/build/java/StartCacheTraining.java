import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Run by the package step (`java src/build/java/StartCacheTraining.java ...`): starts the uber jar once
 * with the service's JVM options, sends it the requests of a working day, stops it, and writes
 * target/user-management.args, the java argument file that starts the service with what that run left.
 *
 * <p>On JDK 25 and later that is an ahead-of-time cache (JEP 483, 514, 515: classes loaded and linked,
 * method profiles); on older JDKs a dynamic CDS archive (JEP 350). The archive belongs to this JDK and this
 * jar: another JDK ignores it with a warning, and a rebuilt jar gets a new one. Where training fails, the
 * argument file starts the service without an archive, as `java -jar` does.
 */
public final class StartCacheTraining {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(240);

    private final Path jar;
    private final Path cache;
    private final List<String> jvmOptions;
    /** JDK 25 and later: an AOT cache and compact object headers; before: a dynamic CDS archive. */
    private static final boolean AOT = Runtime.version().feature() >= 25;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private StartCacheTraining(Path jar, Path cache, List<String> jvmOptions) {
        this.jar = jar;
        this.cache = cache;
        this.jvmOptions = jvmOptions;
    }

    /** Arguments: the uber jar, the argument file to write, the JVM options (one string), train (true/false). */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path argsFile = Path.of(args[1]).toAbsolutePath();
        List<String> jvmOptions = new ArrayList<>(Arrays.stream(args[2].trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        if (AOT) {
            // JEP 519: 8 bytes less per object; the resident size after the benchmark fell by 30 to 50 MB.
            // Only here, since the argument file belongs to this JDK as its archive does; JDK 21 refuses the flag.
            jvmOptions.add("-XX:+UseCompactObjectHeaders");
        }
        boolean train = Boolean.parseBoolean(args[3]);
        String archiveName = argsFile.getFileName().toString().replaceFirst("\\.args$", "")
                + (AOT ? ".aot" : ".jsa");
        var training = new StartCacheTraining(jar, argsFile.resolveSibling(archiveName), jvmOptions);
        Files.deleteIfExists(training.cache);
        List<String> archiveOptions = train ? training.run(argsFile.resolveSibling("start-cache-training")) : List.of();
        List<String> line = new ArrayList<>(jvmOptions);
        line.addAll(archiveOptions);
        line.addAll(List.of("-jar", jar.toString()));
        Files.writeString(argsFile, String.join(" ", line) + System.lineSeparator());
    }

    /** The options that use the archive, or none if the run did not leave one. */
    private List<String> run(Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add((AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache);
        // Its own grid name, so that it never joins a service already running on this machine.
        command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port),
                "--clustername", "start-cache-" + UUID.randomUUID()));
        Path log = workDir.resolve("service.log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("USERS_DATA_DIR", Files.createTempDirectory(workDir, "data").toString());
        Process service = builder.start();
        try {
            new Workload(client, "http://127.0.0.1:" + port).awaitReady(service, START_TIMEOUT).run();
        } catch (IOException | IllegalStateException failed) {
            System.out.println("Start cache not trained (" + failed.getMessage() + "), see " + log);
            service.destroyForcibly().waitFor();
            return List.of();
        }
        service.destroy();
        if (!service.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || !Files.isRegularFile(cache)) {
            System.out.println("Start cache not written, see " + log);
            service.destroyForcibly().waitFor();
            return List.of();
        }
        System.out.println("Start cache " + cache + " (" + Files.size(cache) / (1 << 20) + " MiB)");
        return List.of((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Every endpoint once, the good way and a bad way, so that their classes and profiles are recorded. */
    record Workload(HttpClient client, String base) {

        Workload awaitReady(Process service, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service ended with " + service.exitValue());
                }
                try {
                    if (send("GET", "/health/ready", null, null).statusCode() == 200) {
                        return this;
                    }
                } catch (IOException notYetListening) {
                    Thread.sleep(250);
                }
            }
            throw new IllegalStateException("not ready within " + timeout);
        }

        void run() throws IOException, InterruptedException {
            String user = "{\"username\":\"training" + System.nanoTime() % 100000 + "\",\"password\":\"correct horse battery staple\"}";
            send("POST", "/api/users/register/", user, null);
            send("POST", "/api/users/register/", "{\"username\":\"\"}", null);
            for (int round = 0; round < 3; round++) {
                String tokens = send("POST", "/api/users/login/", user, null).body();
                String access = field(tokens, "access");
                String refresh = field(tokens, "refresh");
                send("GET", "/api/users/me/", null, access);
                send("GET", "/api/users/me/", null, access + "x");
                String refreshed = send("POST", "/api/users/token/refresh/", "{\"refresh\":\"" + refresh + "\"}", null).body();
                send("POST", "/api/users/token/refresh/", "{\"refresh\":\"not a token\"}", null);
                send("POST", "/api/users/logout/", "{\"refresh\":\"" + field(refreshed, "refresh", refresh) + "\"}",
                        field(refreshed, "access", access));
            }
            send("POST", "/api/users/login/", "{\"username\":\"nobody\",\"password\":\"wrong password here\"}", null);
            send("GET", "/api/users/jwks/", null, null);
            send("GET", "/health", null, null);
            send("GET", "/metrics", null, null);
            send("GET", "/openapi", null, null);
        }

        HttpResponse<String> send(String method, String path, String json, String bearer) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A string field of a flat JSON object; the service's own JSON is all this reads. */
        static String field(String json, String name, String... fallback) {
            int key = json.indexOf("\"" + name + "\"");
            int start = key < 0 ? -1 : json.indexOf('"', json.indexOf(':', key) + 1) + 1;
            return start <= 0 ? (fallback.length > 0 ? fallback[0] : "") : json.substring(start, json.indexOf('"', start));
        }
    }
}
