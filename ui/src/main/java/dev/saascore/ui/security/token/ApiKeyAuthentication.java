package dev.saascore.ui.security.token;

import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.FindApiKeyForAuthentication;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.ui.security.SecretTokens;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;

/**
 * Authenticates API keys, as bearer tokens and for the token exchange. The key is looked up by its SHA-256
 * hash on every request (through the query gateway, answered by the command side), so a revocation or a
 * suspension holds from the moment it commits. Unknown, revoked and expired keys and keys of suspended
 * tenants all get the same answer.
 */
@Component
public class ApiKeyAuthentication implements AuthenticationManager {

    /** Actor ids of API keys read {@code apikey:<key id>}; staff actors are bare user ids. */
    public static final String ACTOR_PREFIX = "apikey:";
    static final String REFUSED = "The API key is invalid, revoked or expired.";

    private final QueryGateway queries;
    private final Clock clock;

    ApiKeyAuthentication(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The usable key behind the presented one; throws {@link BadCredentialsException} otherwise. */
    public ApiKeyAccount account(String key) {
        return queries.query(new FindApiKeyForAuthentication(SecretTokens.hash(key)),
                        ResponseTypes.optionalInstanceOf(ApiKeyAccount.class)).join()
                .filter(account -> account.usableAt(clock.instant()))
                .orElseThrow(() -> new BadCredentialsException(REFUSED));
    }

    /** The key as a caller: its tenant, no roles (so no staff endpoint or {@code @SentBy} command is open to it). */
    public static Caller caller(ApiKeyAccount account) {
        return new Caller(ACTOR_PREFIX + account.keyId(), account.tenantId(), Set.of());
    }

    @Override
    public Authentication authenticate(Authentication bearer) throws AuthenticationException {
        String key = ((BearerTokenAuthenticationToken) bearer).getToken();
        ApiKeyAccount account = account(key);
        return new CallerAuthentication(caller(account), null, account.scopes());  // the key itself is not kept
    }
}
