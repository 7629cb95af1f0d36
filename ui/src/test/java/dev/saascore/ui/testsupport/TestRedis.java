package dev.saascore.ui.testsupport;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The machine's Redis (127.0.0.1:6379) when it answers, else an embedded one on a free port. */
public final class TestRedis {

    private static String url;

    private TestRedis() {
    }

    public static synchronized String url() {
        if (url == null) {
            url = TestDatabase.reachable("127.0.0.1", 6379) ? "redis://127.0.0.1:6379" : startEmbedded();
        }
        return url;
    }

    private static String startEmbedded() {
        return "redis://127.0.0.1:" + startPrivate().port();
    }

    /** A Redis of its own (stopped by the caller, or with the JVM): for tests that must flush. */
    public record PrivateRedis(RedisServer server, int port) {
    }

    /** Starts an embedded Redis on a free port, without persistence. */
    public static PrivateRedis startPrivate() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
            redis.start();
            return new PrivateRedis(redis, port);
        } catch (IOException e) {
            throw new UncheckedIOException("No embedded Redis could be started", e);
        }
    }
}
