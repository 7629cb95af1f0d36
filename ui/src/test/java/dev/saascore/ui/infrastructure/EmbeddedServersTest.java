package dev.saascore.ui.infrastructure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded Redis of the run command: what it holds survives a stop and a start, a stop leaves nothing running,
 * a run that was killed does not keep the next one from starting, and a second running instance on the same data
 * directory is refused instead of taking the first one's servers.
 */
class EmbeddedServersTest {

    private static final String KEY = "saas:test:counter";

    @TempDir
    Path dataDir;

    private final List<String> warnings = new ArrayList<>();
    private Process otherRun;

    @AfterEach
    void stopServers() throws Exception {
        if (otherRun != null) {
            otherRun.destroyForcibly().waitFor();
            EmbeddedServers.redis(dataDir, warning -> { });  // stops the Redis the other run left behind
        }
        EmbeddedServers.stop();
    }

    @Test
    void whatRedisHeldWhenItWasStoppedIsThereAfterTheNextStart() throws Exception {
        int port = EmbeddedServers.redis(dataDir, warnings::add);
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            // far less than a minute before the stop: only the save Redis makes when it stops keeps it
            redis.set(KEY, "42");
        }

        EmbeddedServers.stop();
        int again = EmbeddedServers.redis(dataDir, warnings::add);

        try (Jedis redis = new Jedis("127.0.0.1", again)) {
            assertThat(redis.get(KEY)).isEqualTo("42");
        }
        assertThat(Files.readString(dataDir.resolve("redis/redis.log"))).contains("DB saved on disk");
        assertThat(warnings).isEmpty();
    }

    @Test
    void afterAStopNoRedisAnswersOnItsPort() throws Exception {
        int port = EmbeddedServers.redis(dataDir, warnings::add);

        EmbeddedServers.stop();

        assertThat(EmbeddedServers.running()).isFalse();
        assertThat(answers(port)).isFalse();
    }

    @Test
    void theRedisOfARunThatWasKilledIsStoppedWithWhatItHeldAndTheNextRunStarts() throws Exception {
        int leftBehind = startOtherRun();
        otherRun.destroyForcibly().waitFor(30, TimeUnit.SECONDS);  // kill -9: its Redis lives on
        otherRun = null;
        assertThat(answers(leftBehind)).isTrue();

        int port = EmbeddedServers.redis(dataDir, warnings::add);

        assertThat(answers(leftBehind)).isFalse();
        assertThat(warnings).singleElement().asString().contains("killed").contains("redis-server");
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            assertThat(redis.get(KEY)).isEqualTo("42");  // the other run wrote it; its Redis saved it when stopped
        }
    }

    @Test
    void aSecondInstanceOnTheDataDirectoryOfARunningOneIsRefusedAndTheRunningOneKeepsItsRedis() throws Exception {
        int running = startOtherRun();

        assertThatThrownBy(() -> EmbeddedServers.redis(dataDir, warnings::add))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("The data directory " + dataDir + " is in use by another running instance of the "
                        + "platform: stop that one first, or give this one another SAAS_DATA_DIR");
        assertThat(answers(running)).isTrue();
        assertThat(EmbeddedServers.running()).isFalse();
    }

    /** Another JVM that starts the embedded Redis on the same data directory and writes a key; returns its port. */
    private int startOtherRun() throws IOException {
        otherRun = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherRun.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(otherRun.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(OtherRun.READY)) {
                return Integer.parseInt(line.substring(OtherRun.READY.length()));
            }
        }
        throw new IllegalStateException("the other run ended before its Redis served");
    }

    private static boolean answers(int port) {
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(redis.ping());
        } catch (JedisConnectionException refused) {
            return false;
        }
    }

    /** The other run: starts the embedded Redis, writes a key, says its port, then waits to be killed. */
    static final class OtherRun {
        static final String READY = "ready on port ";

        public static void main(String[] args) throws Exception {
            int port = EmbeddedServers.redis(Path.of(args[0]), warning -> { });
            try (Jedis redis = new Jedis("127.0.0.1", port)) {
                redis.set(KEY, "42");
            }
            System.out.println(READY + port);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
