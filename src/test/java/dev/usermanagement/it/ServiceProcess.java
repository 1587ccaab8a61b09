package dev.usermanagement.it;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The uber jar run as an operator runs it: its own JVM, a data folder, a port, and SIGKILL to end it. */
public final class ServiceProcess {

    private static final Path UBER_JAR = Path.of("target/user-management-micro.jar");
    private static final Path ARGS_FILE = Path.of("target/user-management.args");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    private final Path temporary;
    private final int port;

    private ServiceProcess(Process process, Path log, Path temporary, int port) {
        this.process = process;
        this.log = log;
        this.temporary = temporary;
        this.port = port;
    }

    public static ServiceProcess start(Path dataDir, String logName) throws IOException {
        return start(dataDir, logName, Map.of());
    }

    public static ServiceProcess start(Path dataDir, String logName, Map<String, String> environment) throws IOException {
        return start(dataDir, logName, environment, List.of());
    }

    /** With Payara Micro options after the packaged ones (they win: --clustermode, --hzport, ...). */
    public static ServiceProcess start(Path dataDir, String logName, Map<String, String> environment, List<String> options)
            throws IOException {
        int port = freePort();
        Path log = dataDir.resolveSibling(logName + ".log");
        // Payara Micro unpacks itself (~110 MB) into the temporary folder and removes it only on a clean exit:
        // its own folder beside the log, removed once the process has ended, so a SIGKILL leaves nothing behind.
        Path temporary = Files.createDirectories(dataDir.resolveSibling(logName + "-tmp"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + temporary.toAbsolutePath()));
        command.addAll(launch());
        command.addAll(List.of("--port", String.valueOf(port)));
        command.addAll(options);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("USERS_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), log, temporary, port);
    }

    /** As the README's operator command starts it, with the package step's start archive when there is one. */
    private static List<String> launch() {
        return Files.isRegularFile(ARGS_FILE) ? List.of("@" + ARGS_FILE.toAbsolutePath())
                : List.of("-jar", UBER_JAR.toAbsolutePath().toString());
    }

    /** Ready to serve, or the process is ended and the failure says where its log is. */
    public ServiceProcess awaitReady() throws InterruptedException {
        try {
            return pollUntilReady();
        } catch (RuntimeException notReady) {
            kill();
            throw notReady;
        }
    }

    private ServiceProcess pollUntilReady() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/jwks/")).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service not ready within " + START_TIMEOUT + ", see " + log);
    }

    public Api api() {
        return new Api(port);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the service can do about it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        removeTemporary();
    }

    /** SIGTERM, as an orchestrator stops a service; the exit code, or -1 if it did not exit in time. */
    public int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        return awaitExit(patience);
    }

    /** The exit code once the process has ended, or -1 if it has not within the patience. */
    public int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        removeTemporary();
        return process.exitValue();
    }

    private void removeTemporary() {
        try (var files = Files.walk(temporary)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // only disk space: target/ goes with the next clean
        }
    }

    public Process process() {
        return process;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
