package dev.saascore.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor under P3: Redis round trips with nothing in between, from the bench JVM through Lettuce on one shared
 * connection, as the application talks to Redis (a gateway call makes two script calls: reserve and settle). A
 * {@code PING}, and an {@code EVALSHA} of a script that touches no key (so the machine's shared Redis keeps no
 * trace of it).
 */
final class RedisBaseline {

    private static final String TRIVIAL_SCRIPT = "return 1";

    record Result(Latencies ping, Latencies evalsha, LoadDriver.Throughput maxEvalsha) {
    }

    private RedisBaseline() {
    }

    static Result measure(int perSecond, int workers, int clients, Duration warmUp, Duration measured,
                          String database) throws Exception {
        RedisClient client = RedisClient.create(CommandThroughput.REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            String sha = redis.scriptLoad(TRIVIAL_SCRIPT);
            LoadDriver.Operation ping = () -> check(redis.ping().equals("PONG"), "PING");
            LoadDriver.Operation evalsha = () -> check(Long.valueOf(1).equals(
                    redis.evalsha(sha, ScriptOutputType.INTEGER)), "EVALSHA");
            Latencies pings = OpenLoop.run(copies(ping, workers), perSecond, warmUp, measured, database);
            Latencies scripts = OpenLoop.run(copies(evalsha, workers), perSecond, warmUp, measured, database);
            LoadDriver.Throughput max = LoadDriver.run(copies(evalsha, clients), warmUp, measured, database);
            return new Result(pings, scripts, max);
        } finally {
            client.shutdown();
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
