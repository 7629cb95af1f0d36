package dev.saascore.command.apikey;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyCreated;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.apikey.RevokeApiKey;
import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's API key: created once, revoked once, with a reason. Its own aggregate rather than part of the
 * Tenant: no rule spans a tenant's keys, and key traffic then never contends with (or lengthens) the team's
 * event stream.
 */
@Aggregate
public class ApiKey {

    @AggregateIdentifier
    private ApiKeyId keyId;
    private TenantId tenantId;
    private boolean revoked;

    protected ApiKey() {
        // for Axon
    }

    /** Called by {@link ApiKeyHandler} after the input checks and once the hash is stored. */
    ApiKey(CreateApiKey command) {
        apply(new ApiKeyCreated(command.keyId(), command.tenantId(), command.name().strip(), command.scopes(),
                command.prefix(), command.expiresAt(), command.monthlyTokenBudget(), GenericEventMessage.clock.instant()));
    }

    /**
     * Called by {@link ApiKeyHandler} once the reason is checked; another tenant's key answers "not found", like
     * an unknown one.
     */
    void revoke(RevokeApiKey command) {
        if (!tenantId.equals(command.tenantId())) {
            throw ApiKeyHandler.notFound();
        }
        if (revoked) {
            throw Rejections.refuse(Rejection.of(Rejection.CONFLICT, "This API key is already revoked."));
        }
        apply(new ApiKeyRevoked(keyId, tenantId, command.reason().strip(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        keyId = event.keyId();
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
