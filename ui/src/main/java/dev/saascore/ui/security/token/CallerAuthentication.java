package dev.saascore.ui.security.token;

import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.messaging.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An API caller authenticated by a bearer token (our JWT, an external OIDC token, or an API key). Its
 * principal is the {@link Caller} that the dispatch interceptor copies onto commands and queries. Authorities:
 * {@code ROLE_<role>} for each of the caller's roles and {@code SCOPE_<wire name>} for each API scope granted.
 */
public class CallerAuthentication extends AbstractAuthenticationToken {

    public static final String SCOPE_AUTHORITY_PREFIX = "SCOPE_";

    private final Caller caller;
    private final String token;
    private final Set<ApiScope> scopes;

    public CallerAuthentication(Caller caller, String token) {
        this(caller, token, Set.of());
    }

    public CallerAuthentication(Caller caller, String token, Set<ApiScope> scopes) {
        super(authorities(caller, scopes));
        this.caller = caller;
        this.token = token;
        this.scopes = ApiScope.setOf(scopes);
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Caller caller, Set<ApiScope> scopes) {
        return Stream.concat(
                caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())),
                ApiScope.setOf(scopes).stream().map(scope -> new SimpleGrantedAuthority(SCOPE_AUTHORITY_PREFIX + scope.wireName())))
                .map(GrantedAuthority.class::cast).toList();
    }

    /** The API scopes granted (an API key's, or a token's {@code scope} claim); empty for staff. */
    public Set<ApiScope> scopes() {
        return scopes;
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
