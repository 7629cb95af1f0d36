package dev.saascore.command.caching;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshAheadCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private Instant now = NOW;
    /** What the database holds for every key. */
    private String stored = "limits v1";
    private final AtomicInteger reads = new AtomicInteger();
    /** Runs once during the next read: something happening while the database is read. */
    private Runnable duringNextRead = () -> { };
    /** Refreshes handed to the background, run by the test when it chooses. */
    private final List<Runnable> refreshes = new ArrayList<>();

    private final RefreshAheadCache<String, String> cache = new RefreshAheadCache<>(key -> {
        reads.incrementAndGet();
        String value = stored;
        Runnable during = duringNextRead;
        duringNextRead = () -> { };
        during.run();
        if (value == null) {
            throw new IllegalStateException("database down");
        }
        return value;
    }, MAX_AGE, 100, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, refreshes::add);

    @Test
    void aFreshValueIsReusedWithoutAnyRead() {
        assertThat(cache.get("tenant")).isEqualTo("limits v1");
        now = NOW.plus(MAX_AGE.dividedBy(2)).minusMillis(1);
        stored = "limits v2";

        assertThat(cache.get("tenant")).isEqualTo("limits v1");
        assertThat(reads).hasValue(1);
        assertThat(refreshes).isEmpty();
    }

    @Test
    void aValueInUseIsReadAgainInTheBackgroundWhileCallersKeepTheirs() {
        cache.get("tenant");
        stored = "limits v2";
        now = NOW.plus(MAX_AGE.dividedBy(2));

        assertThat(cache.get("tenant")).as("no caller waits for the read").isEqualTo("limits v1");
        assertThat(cache.get("tenant")).isEqualTo("limits v1");
        assertThat(reads).hasValue(1);
        assertThat(refreshes).as("one refresh however many callers").hasSize(1);

        refreshes.remove(0).run();

        assertThat(cache.get("tenant")).isEqualTo("limits v2");
        now = NOW.plus(MAX_AGE).plusMillis(400);
        assertThat(cache.get("tenant")).as("the refreshed value counts its age from its own read").isEqualTo("limits v2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void noValueIsServedOnceItIsMaxAgeOldEvenWhileARefreshWaits() {
        cache.get("tenant");
        now = NOW.plus(MAX_AGE.dividedBy(2));
        cache.get("tenant");
        stored = "tenant suspended";
        now = NOW.plus(MAX_AGE);

        assertThat(cache.get("tenant")).isEqualTo("tenant suspended");
        assertThat(refreshes).as("the refresh has not run").hasSize(1);
    }

    @Test
    void whatARefreshReadWhileTheCacheWasClearedIsNotKept() {
        cache.get("key hash");
        now = NOW.plus(MAX_AGE.dividedBy(2));
        cache.get("key hash");
        duringNextRead = () -> {
            stored = "revoked";
            cache.clear();
        };

        refreshes.remove(0).run();

        assertThat(cache.get("key hash")).isEqualTo("revoked");
        assertThat(reads).as("the caller after the clear read again").hasValue(3);
    }

    @Test
    void aFailedRefreshLeavesTheValueUntilMaxAgeAndThenTheCallerSeesTheFailure() {
        cache.get("tenant");
        stored = null;
        now = NOW.plus(MAX_AGE.dividedBy(2));
        cache.get("tenant");

        refreshes.remove(0).run();

        now = NOW.plus(MAX_AGE).minusMillis(1);
        assertThat(cache.get("tenant")).isEqualTo("limits v1");
        assertThat(refreshes).as("tried again after the failure").hasSize(1);
        now = NOW.plus(MAX_AGE);
        assertThatThrownBy(() -> cache.get("tenant")).hasMessage("database down");
    }

    @Test
    void keysAreForgottenOnceThereAreTooManyOfThem() {
        for (int key = 0; key < 100; key++) {
            cache.get("unknown key " + key);
        }
        cache.get("unknown key 100");
        cache.get("unknown key 0");

        assertThat(reads).as("the first key was forgotten when the 101st came").hasValue(102);
    }
}
