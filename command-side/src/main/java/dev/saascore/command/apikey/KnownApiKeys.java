package dev.saascore.command.apikey;

import dev.saascore.command.caching.RefreshAheadCache;
import dev.saascore.command.messaging.CommandModel;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The accounts behind presented API keys, kept on this node so an API call does not cost a database round trip
 * for its key ({@link RefreshAheadCache}: a key in use is read again in the background). A revocation, suspension or
 * reactivation handled on this node (in the command's own unit of work, like the key table's update) empties the
 * cache the moment it commits, so it holds at once here; a node that did not handle it reads the key again within
 * {@code maxAge} ({@code saas.api-keys.cache-max-age}, 1 s by default). Expiry is checked on every use, from the
 * cached account.
 */
@Component
@ProcessingGroup(CommandModel.PROCESSING_GROUP)
class KnownApiKeys implements AutoCloseable {

    private static final int MAX_ENTRIES = 10_000;

    private final RefreshAheadCache<String, Optional<ApiKeyAccount>> byHash;

    @Autowired
    KnownApiKeys(ApiKeys keys, @Value("${saas.api-keys.cache-max-age:1s}") Duration maxAge, Clock clock) {
        this.byHash = RefreshAheadCache.create("api-key-cache", keys::findForAuthentication, maxAge, MAX_ENTRIES, clock);
    }

    KnownApiKeys(RefreshAheadCache<String, Optional<ApiKeyAccount>> byHash) {
        this.byHash = byHash;
    }

    Optional<ApiKeyAccount> find(String secretHash) {
        return byHash.get(secretHash);
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
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> byHash.clear());
        } else {
            byHash.clear();
        }
    }

    @Override
    public void close() {
        byHash.close();
    }
}
