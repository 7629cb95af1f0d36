package dev.saascore.ui.security.token;

import dev.saascore.kernel.messaging.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API caller authenticated by a bearer token (our JWT, an external OIDC token, or an API key). Its
 * principal is the {@link Caller} that the dispatch interceptor copies onto commands and queries.
 */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final String token;

    public CallerAuthentication(Caller caller, String token) {
        super(caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.actorId();
    }
}
