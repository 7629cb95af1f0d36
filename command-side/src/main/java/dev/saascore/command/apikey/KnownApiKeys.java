package dev.saascore.command.apikey;

import dev.saascore.command.messaging.CommandModel;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounts behind presented API keys, kept on this node so an API call does not cost a database round trip
 * for its key. A revocation, suspension or reactivation handled on this node (in the command's own unit of work,
 * like the key table's update) empties the cache the moment it commits, so it holds at once here; a node that did not handle it reads the key again after {@code maxAge}
 * ({@code saas.api-keys.cache-max-age}, 1 s by default). Expiry is checked on every use, from the cached account.
 */
@Component
@ProcessingGroup(CommandModel.PROCESSING_GROUP)
class KnownApiKeys {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<ApiKeyAccount> account, Instant readAt) {
    }

    private final ApiKeys keys;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Counts the changes forgotten so far: a read that overlapped one must not be kept. */
    private final AtomicLong changes = new AtomicLong();

    KnownApiKeys(ApiKeys keys, @Value("${saas.api-keys.cache-max-age:1s}") Duration maxAge, Clock clock) {
        this.keys = keys;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    Optional<ApiKeyAccount> find(String secretHash) {
        Instant now = clock.instant();
        Entry known = byHash.get(secretHash);
        if (known != null && known.readAt.plus(maxAge).isAfter(now)) {
            return known.account;
        }
        long changesBefore = changes.get();
        Entry read = new Entry(keys.findForAuthentication(secretHash), now);
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();  // unknown keys presented by the thousand must not pile up
        }
        byHash.put(secretHash, read);
        if (changes.get() != changesBefore) {
            byHash.remove(secretHash, read);  // a change committed while we read: what we read may predate it
        }
        return read.account;
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        forgetWhenCommitted();
    }

    @EventHandler
    void on(TenantSuspended event) {
        forgetWhenCommitted();
    }

    @EventHandler
    void on(TenantReactivated event) {
        forgetWhenCommitted();
    }

    /** Forgets every key once the current unit of work commits (or now, outside one). */
    private void forgetWhenCommitted() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> forget());
        } else {
            forget();
        }
    }

    private void forget() {
        changes.incrementAndGet();
        byHash.clear();
    }
}
