package dev.saascore.bench;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * P7: what a first-time user sees. Starts the packaged application with no DATABASE_URL / REDIS_URL (so it
 * starts its embedded PostgreSQL and Redis) in a fresh data directory, times process start until the
 * sign-in page answers 200, then reads the resident memory of the Java process and of its servers.
 */
final class StartupFootprint {

    /** Memory is read once more after this pause: start-up work (seeding) goes on after the first 200. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    record Result(Duration toReady, long javaRssAtReadyKiB, long javaRssKiB, long postgresPssKiB,
                  int postgresProcesses, long redisRssKiB, String startedLine) {
    }

    private StartupFootprint() {
    }

    static Path locateJar(Path repoRoot) {
        Path jar = repoRoot.resolve("ui/target/saas-core-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("P7 needs the packaged application " + jar + " - build it first: cd "
                    + repoRoot + " && ./mvnw -B -o -DskipTests package (bench/run.sh does this)");
        }
        return jar;
    }

    static Result measure(Path jar, Duration timeout) throws Exception {
        Path work = Files.createTempDirectory("saas-bench-p7");
        Path dataDir = work.resolve("data");
        Path log = work.resolve("app.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("REDIS_URL");
        builder.environment().put("SAAS_DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", Integer.toString(port));

        long start = System.nanoTime();
        Process app = builder.start();
        try {
            awaitLogin(app, port, timeout, log);
            Duration toReady = Duration.ofNanos(System.nanoTime() - start);
            long rssAtReady = ProcFs.rssKiB(app.pid());
            Thread.sleep(SETTLE.toMillis());

            List<ProcessHandle> postgres = postgresProcesses(dataDir);
            long postgresPss = postgres.stream().mapToLong(p -> ProcFs.pssKiB(p.pid())).sum();
            long redisRss = redis(app).map(p -> ProcFs.rssKiB(p.pid())).orElse(0L);
            return new Result(toReady, rssAtReady, ProcFs.rssKiB(app.pid()), postgresPss, postgres.size(),
                    redisRss, startedLine(log));
        } finally {
            stop(app, dataDir);
            deleteTree(work);
        }
    }

    private static void awaitLogin(Process app, int port, Duration timeout, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application exited with " + app.exitValue()
                        + " before it was ready; its log ends with:\n" + tail(log));
            }
            try {
                if (http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("GET /login did not answer 200 within " + timeout.toSeconds()
                + " s; the log ends with:\n" + tail(log));
    }

    /** pg_ctl detaches the postmaster from the JVM, so find it by its pid file, then take its backends. */
    private static List<ProcessHandle> postgresProcesses(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return List.of();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid)
                .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.children()).toList())
                .orElse(List.of());
    }

    private static Optional<ProcessHandle> redis(Process app) {
        return app.descendants()
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .findFirst();
    }

    /** SIGTERM lets the application stop its embedded servers; anything left of them is ended by pid. */
    private static void stop(Process app, Path dataDir) throws Exception {
        List<ProcessHandle> servers = Stream.concat(postgresProcesses(dataDir).stream().limit(1),
                app.descendants()).toList();
        app.destroy();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle server : servers) {
            if (server.isAlive()) {
                server.destroy();
                server.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String startedLine(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Started SaasCoreApplication"))
                    .map(l -> l.substring(l.indexOf("Started"))).findFirst().orElse("");
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The JVM that runs the bench runs the application too, so "which JVM" has one answer. */
    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
