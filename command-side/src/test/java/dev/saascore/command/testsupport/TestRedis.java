package dev.saascore.command.testsupport;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;

/**
 * The machine's Redis (127.0.0.1:6379) when it answers, else an embedded one (Redis 6.2) on a free port;
 * {@code -Dsaas.test.embedded-redis=true} takes the embedded one anyway, to check the oldest supported version.
 * The machine's Redis is shared: tests keep their keys under a prefix of their own and delete only those.
 */
public final class TestRedis {

    private static StringRedisTemplate template;

    private TestRedis() {
    }

    /** One template for all tests of the run, on a connection factory that lives as long as the JVM. */
    public static synchronized StringRedisTemplate template() {
        if (template == null) {
            boolean machine = !Boolean.getBoolean("saas.test.embedded-redis") && reachable(6379);
            int port = machine ? 6379 : startEmbedded();
            LettuceConnectionFactory connections = new LettuceConnectionFactory("127.0.0.1", port);
            connections.afterPropertiesSet();
            connections.start();
            template = new StringRedisTemplate(connections);
        }
        return template;
    }

    /** Deletes every key under the prefix (SCAN, not KEYS: the machine's Redis is shared). */
    public static void deleteKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = template().scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        if (!keys.isEmpty()) {
            template().delete(keys);
        }
    }

    /**
     * Connections to a port where no Redis listens, with a short command timeout: for the fail-closed tests.
     * The caller destroys the factory.
     */
    public static LettuceConnectionFactory unreachable() {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", freePort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        connections.afterPropertiesSet();
        connections.start();
        return connections;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int startEmbedded() {
        try {
            int port = freePort();
            RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
            redis.start();
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Neither a local nor an embedded Redis is available", e);
        }
    }
}
