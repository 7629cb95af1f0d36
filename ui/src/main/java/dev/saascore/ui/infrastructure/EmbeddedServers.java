package dev.saascore.ui.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL and Redis used when no DATABASE_URL / REDIS_URL is configured. One of each per
 * JVM, data kept under the given directory so a restart keeps the tenants; stopped after the application
 * context has closed (see {@link EmbeddedServersShutdown}), not by a shutdown hook racing it.
 */
final class EmbeddedServers {

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    private EmbeddedServers() {
    }

    /** Starts (once) PostgreSQL with its data in {@code dataDir/postgres}; returns its port. */
    static synchronized int postgres(Path dataDir) {
        if (postgres == null) {
            try {
                Path pgData = dataDir.resolve("postgres");
                Files.createDirectories(pgData.getParent());
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

    /** Starts (once) Redis on a free port, saving its data in {@code dataDir/redis}; returns the port. */
    static synchronized int redis(Path dataDir) {
        if (redis == null) {
            try {
                Path redisData = Files.createDirectories(dataDir.resolve("redis"));
                redisPort = freePort();
                redis = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(redisPort)
                        .setting("dir " + redisData.toAbsolutePath())
                        .setting("save 60 1")
                        .setting("maxmemory 128mb")
                        .onShutdownForceStop(true)
                        .build();
                redis.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Redis in " + dataDir, e);
            }
        }
        return redisPort;
    }

    static synchronized boolean running() {
        return postgres != null || redis != null;
    }

    /** Stops both servers; called once the application context (and its connection pools) has closed. */
    static synchronized void stop() throws IOException {
        if (redis != null) {
            redis.stop();
            redis = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
