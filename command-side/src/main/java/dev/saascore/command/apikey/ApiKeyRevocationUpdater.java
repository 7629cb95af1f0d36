package dev.saascore.command.apikey;

import dev.saascore.command.messaging.CommandModel;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Marks the key revoked in the revoking command's own transaction, so it stops working the moment that commits. */
@Component
@ProcessingGroup(CommandModel.PROCESSING_GROUP)
class ApiKeyRevocationUpdater {

    private final ApiKeys keys;

    ApiKeyRevocationUpdater(ApiKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        keys.markRevoked(event.keyId(), event.revokedAt());
    }
}
