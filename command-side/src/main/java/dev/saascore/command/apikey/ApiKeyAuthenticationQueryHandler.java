package dev.saascore.command.apikey;

import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.FindApiKeyForAuthentication;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers the API's key lookups from the key table, which only the command side owns, through its cache. */
@Component
class ApiKeyAuthenticationQueryHandler {

    private final KnownApiKeys keys;

    ApiKeyAuthenticationQueryHandler(KnownApiKeys keys) {
        this.keys = keys;
    }

    @QueryHandler
    Optional<ApiKeyAccount> handle(FindApiKeyForAuthentication query) {
        return keys.find(query.secretHash());
    }
}
