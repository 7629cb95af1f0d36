package dev.saascore.bench;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor under P3: Redis round trips with nothing in between, from the bench JVM as the application makes them
 * (a gateway call makes two script calls, reserve and settle): Jedis, each command on the calling thread over a
 * connection borrowed from a pool. A {@code PING}, and an {@code EVALSHA} of a script that touches no key (so the
 * machine's shared Redis keeps no trace of it).
 */
final class RedisBaseline {

    private static final String TRIVIAL_SCRIPT = "return 1";

    record Result(Latencies ping, Latencies evalsha, LoadDriver.Throughput maxEvalsha) {
    }

    private RedisBaseline() {
    }

    static Result measure(int perSecond, int workers, int clients, Duration warmUp, Duration measured,
                          String database) throws Exception {
        JedisPoolConfig connections = new JedisPoolConfig();
        connections.setMaxTotal(Math.max(workers, clients));
        connections.setMaxIdle(Math.max(workers, clients));
        try (JedisPool pool = new JedisPool(connections, URI.create(CommandThroughput.REDIS))) {
            String sha;
            try (Jedis redis = pool.getResource()) {
                sha = redis.scriptLoad(TRIVIAL_SCRIPT);
            }
            LoadDriver.Operation ping = () -> {
                try (Jedis redis = pool.getResource()) {
                    check(redis.ping().equals("PONG"), "PING");
                }
            };
            LoadDriver.Operation evalsha = () -> {
                try (Jedis redis = pool.getResource()) {
                    check(Long.valueOf(1).equals(redis.evalsha(sha)), "EVALSHA");
                }
            };
            Latencies pings = OpenLoop.run(copies(ping, workers), perSecond, warmUp, measured, database);
            Latencies scripts = OpenLoop.run(copies(evalsha, workers), perSecond, warmUp, measured, database);
            LoadDriver.Throughput max = LoadDriver.run(copies(evalsha, clients), warmUp, measured, database);
            return new Result(pings, scripts, max);
        }
    }

    private static List<LoadDriver.Operation> copies(LoadDriver.Operation operation, int count) {
        List<LoadDriver.Operation> copies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            copies.add(operation);
        }
        return copies;
    }

    private static void check(boolean expected, String command) {
        if (!expected) {
            throw new IllegalStateException(command + " answered unexpectedly");
        }
    }
}
