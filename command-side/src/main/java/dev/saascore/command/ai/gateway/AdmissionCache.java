package dev.saascore.command.ai.gateway;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.apikey.ApiKeyId;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's status and limits (and the calling key's budget), reused for a short while: reading them on every
 * call would cost a database round trip per call. A suspension or a new limit therefore holds after at most
 * {@code saas.ai.gateway.admission-cache} (1 s by default).
 */
public class AdmissionCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Key(TenantId tenantId, ApiKeyId apiKeyId) {
    }

    private record Entry(AiAdmission admission, Instant fetchedAt) {
    }

    private final QueryGateway queries;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public AdmissionCache(QueryGateway queries, Duration maxAge, Clock clock) {
        this.queries = queries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public AiAdmission admission(TenantId tenantId, ApiKeyId apiKeyId) {
        Key key = new Key(tenantId, apiKeyId);
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry == null || entry.fetchedAt.plus(maxAge).isBefore(now)) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();  // revoked keys and idle tenants must not pile up
            }
            entry = new Entry(queries.query(new FindAiAdmission(tenantId, apiKeyId), AiAdmission.class).join(), now);
            entries.put(key, entry);
        }
        return entry.admission;
    }
}
