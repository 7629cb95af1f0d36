package dev.saascore.command.ai.gateway;

import dev.saascore.command.caching.RefreshAheadCache;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.apikey.ApiKeyId;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.Duration;

/**
 * A tenant's status and limits (and the calling key's budget), reused for a short while: reading them on every
 * call would cost a database round trip per call ({@link RefreshAheadCache}: what is in use is read again in the
 * background). A suspension or a new limit therefore holds after at most {@code saas.ai.gateway.admission-cache}
 * (1 s by default).
 */
public class AdmissionCache implements AutoCloseable {

    private static final int MAX_ENTRIES = 10_000;

    private record Key(TenantId tenantId, ApiKeyId apiKeyId) {
    }

    private final RefreshAheadCache<Key, AiAdmission> entries;

    public AdmissionCache(QueryGateway queries, Duration maxAge, Clock clock) {
        this.entries = RefreshAheadCache.create("ai-admission-cache", key -> queries.query(
                new FindAiAdmission(key.tenantId, key.apiKeyId), AiAdmission.class).join(), maxAge, MAX_ENTRIES, clock);
    }

    public AiAdmission admission(TenantId tenantId, ApiKeyId apiKeyId) {
        return entries.get(new Key(tenantId, apiKeyId));
    }

    @Override
    public void close() {
        entries.close();
    }
}
