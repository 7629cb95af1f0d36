package dev.saascore.ui.infrastructure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded Redis of the run command: what it holds survives a stop and a start, and a stop leaves nothing. */
class EmbeddedServersTest {

    @TempDir
    Path dataDir;

    @AfterEach
    void stopServers() throws Exception {
        EmbeddedServers.stop();
    }

    @Test
    void whatRedisHeldWhenItWasStoppedIsThereAfterTheNextStart() throws Exception {
        int port = EmbeddedServers.redis(dataDir);
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            // far less than a minute before the stop: only the save Redis makes when it stops keeps it
            redis.set("saas:test:counter", "42");
        }

        EmbeddedServers.stop();
        int again = EmbeddedServers.redis(dataDir);

        try (Jedis redis = new Jedis("127.0.0.1", again)) {
            assertThat(redis.get("saas:test:counter")).isEqualTo("42");
        }
        assertThat(Files.readString(dataDir.resolve("redis/redis.log"))).contains("DB saved on disk");
    }

    @Test
    void afterAStopNoRedisAnswersOnItsPort() throws Exception {
        int port = EmbeddedServers.redis(dataDir);

        EmbeddedServers.stop();

        assertThat(EmbeddedServers.running()).isFalse();
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            assertThatThrownBy(redis::ping).isInstanceOf(JedisConnectionException.class);
        }
    }
}
