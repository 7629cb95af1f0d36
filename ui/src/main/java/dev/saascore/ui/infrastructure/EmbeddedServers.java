package dev.saascore.ui.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL and Redis used when no DATABASE_URL / REDIS_URL is configured. One of each per
 * JVM, data kept under the given directory so a restart keeps the tenants; stopped after the application
 * context has closed (see {@link EmbeddedServersShutdown}), not by a shutdown hook racing it.
 * <p>
 * Redis is the binary that {@code embedded-redis} ships, run as a process of our own: the library's
 * {@code RedisServer} registers a JVM shutdown hook of its own, which ran alongside Spring's and killed Redis while
 * requests were still finishing and the usage outbox pump was sending its last batch (and, force-stopped, without
 * the final save of the quota counters and the outbox). For the same reason it runs in a session of its own.
 */
final class EmbeddedServers {

    private static final Duration REDIS_START_TIMEOUT = Duration.ofSeconds(30);
    private static DataDirectoryClaim claim;
    private static EmbeddedPostgres postgres;
    private static Process redis;
    private static int redisPort;

    private EmbeddedServers() {
    }

    /**
     * Starts (once) PostgreSQL with its data in {@code dataDir/postgres}; returns its port. One that a killed run
     * left running there is stopped first, and said so to {@code warnings}.
     */
    static synchronized int postgres(Path dataDir, Consumer<String> warnings) {
        if (postgres == null) {
            try {
                Path pgData = dataDir.resolve("postgres");
                claimAndStopLeftover(dataDir, pgData.resolve("postmaster.pid"), "postgres", warnings);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "100")
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
            }
        }
        return postgres.getPort();
    }

    /**
     * Starts (once) Redis on a free port, saving its data in {@code dataDir/redis} (snapshot after a minute with a
     * change, and when it stops) and its log in {@code redis.log} there; returns the port once Redis serves. One
     * that a killed run left running there is stopped first (saving what it held), and said so to {@code warnings}.
     */
    static synchronized int redis(Path dataDir, Consumer<String> warnings) {
        if (redis == null) {
            Path redisData = dataDir.resolve("redis").toAbsolutePath();
            try {
                Files.createDirectories(redisData);
                claimAndStopLeftover(dataDir, redisData.resolve("redis.pid"), "redis-server", warnings);
                redisPort = freePort();
                List<String> command = new ArrayList<>(ownSession());
                command.addAll(List.of(ExecutableProvider.newJarResourceProvider().get().getAbsolutePath(),
                        "--bind", "127.0.0.1", "--port", String.valueOf(redisPort), "--dir", redisData.toString(),
                        "--pidfile", redisData.resolve("redis.pid").toString(), "--save", "60", "1",
                        "--maxmemory", "128mb"));
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(redisData.resolve("redis.log").toFile()))
                        .start();
                try {
                    awaitServing(process, redisPort);
                } catch (IOException | RuntimeException notServing) {
                    process.destroyForcibly();
                    throw notServing;
                }
                redis = process;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Redis in " + redisData
                        + " (its log: redis.log there)", e);
            }
        }
        return redisPort;
    }

    /** Claims the data directory for this JVM (once), then stops the server a killed run left behind, if any. */
    private static void claimAndStopLeftover(Path dataDir, Path pidFile, String program, Consumer<String> warnings)
            throws IOException {
        if (claim == null) {
            claim = DataDirectoryClaim.claim(dataDir);
        }
        claim.stopLeftover(pidFile, program).ifPresent(stopped -> warnings.accept("A run that was killed left the "
                + "embedded " + stopped + " running on " + dataDir + "; stopped it before starting a new one"));
    }

    /**
     * {@code setsid} where the machine has it (util-linux): Redis then runs in a session of its own, so the Ctrl-C
     * of the terminal that runs the platform reaches only the JVM, which stops Redis after the application. Without
     * it, Ctrl-C stops Redis at once too, while the application is still finishing its requests. (The embedded
     * PostgreSQL runs in its own session already.)
     */
    private static List<String> ownSession() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").filter(path -> Files.isExecutable(Path.of(path)))
                .limit(1).toList();
    }

    /**
     * Waits until Redis answers a data command. {@code EXISTS} rather than {@code PING}: while Redis loads its
     * snapshot it answers PING but refuses data commands with LOADING.
     */
    private static void awaitServing(Process process, int port) throws IOException {
        Instant deadline = Instant.now().plus(REDIS_START_TIMEOUT);
        byte[] probe = "EXISTS saas:embedded:probe\r\n".getBytes(StandardCharsets.US_ASCII);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with code " + process.exitValue());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(1000);  // a Redis that accepts but does not answer is not serving yet
                OutputStream out = socket.getOutputStream();
                out.write(probe);
                out.flush();
                InputStream in = socket.getInputStream();
                if (in.read() == ':') {
                    return;  // an integer reply: Redis serves data
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            pause();
        }
        throw new IOException("redis-server did not serve within " + REDIS_START_TIMEOUT.toSeconds() + " s");
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for redis-server", e);
        }
    }

    static synchronized boolean running() {
        return postgres != null || redis != null;
    }

    /**
     * Stops both servers and gives up the data directory; called once the application context (and its connection
     * pools) has closed.
     */
    static synchronized void stop() throws IOException {
        if (redis != null) {
            DataDirectoryClaim.stop(redis.toHandle());
            redis = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (claim != null) {
            claim.close();
            claim = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
