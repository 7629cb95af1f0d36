package dev.saascore.command.apikey;

import dev.saascore.command.caching.RefreshAheadCache;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KnownApiKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final TenantId tenant = TenantId.random();
    private final CreateApiKey created = new CreateApiKey(ApiKeyId.random(), tenant, "Build server",
            Set.of(ApiScope.AI_INVOKE), null, null, "abcdefgh", "hash-of-the-key");
    private final AtomicInteger reads = new AtomicInteger();
    /** Runs once during the next read, after the table was read: a change committing meanwhile. */
    private Runnable duringNextRead = () -> { };
    private final InMemoryApiKeys table = new InMemoryApiKeys() {
        @Override
        public Optional<ApiKeyAccount> findForAuthentication(String secretHash) {
            reads.incrementAndGet();
            Optional<ApiKeyAccount> account = super.findForAuthentication(secretHash);
            Runnable change = duringNextRead;
            duringNextRead = () -> { };
            change.run();
            return account;
        }
    };
    private Instant now = NOW;
    private final KnownApiKeys known = new KnownApiKeys(new RefreshAheadCache<>(table::findForAuthentication, MAX_AGE,
            100, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, refresh -> { }));

    KnownApiKeysTest() {
        table.add(created);
    }

    @Test
    void aKeyPresentedAgainWithinTheMaxAgeIsNotReadAgain() {
        assertThat(known.find(created.secretHash())).isPresent();
        now = NOW.plus(MAX_AGE).minusMillis(1);
        assertThat(known.find(created.secretHash())).isPresent();
        assertThat(reads).hasValue(1);

        now = NOW.plus(MAX_AGE);
        known.find(created.secretHash());
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRevocationIsSeenOnceItsUnitOfWorkCommitsAndNotBefore() {
        known.find(created.secretHash());
        UnitOfWork<?> revoking = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("revoke"));
        table.markRevoked(created.keyId(), NOW);
        known.on(new ApiKeyRevoked(created.keyId(), tenant, "Leaked", NOW));
        assertThat(known.find(created.secretHash()).orElseThrow().revoked()).as("before the commit").isFalse();

        revoking.commit();

        assertThat(known.find(created.secretHash()).orElseThrow().usableAt(NOW)).isFalse();
    }

    @Test
    void aSuspensionOutsideAUnitOfWorkIsSeenAtOnce() {
        known.find(created.secretHash());
        int readsBefore = reads.get();
        known.on(new TenantSuspended(tenant, "Unpaid", NOW));
        known.find(created.secretHash());
        assertThat(reads.get()).isEqualTo(readsBefore + 1);
    }

    @Test
    void whatWasReadWhileAChangeCommittedIsNotKept() {
        duringNextRead = () -> known.on(new ApiKeyRevoked(created.keyId(), tenant, "Leaked", NOW));
        known.find(created.secretHash());
        known.find(created.secretHash());
        assertThat(reads).as("the second find reads the table again").hasValue(2);
    }

    @Test
    void unknownKeysAreAnsweredEmptyAndRemembered() {
        assertThat(known.find("no-such-hash")).isEmpty();
        assertThat(known.find("no-such-hash")).isEmpty();
        assertThat(reads).hasValue(1);
    }
}
