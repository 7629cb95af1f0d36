package dev.saascore.ui.security.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.ECKey;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Issues the API's access tokens: short-lived ES256 JWTs carrying the caller's tenant, roles and API scopes. */
@Component
public class AccessTokens {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";
    public static final String SCOPE_CLAIM = "scope";

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** A token for the caller and its scopes, and how long it lives. */
    public record Issued(String token, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Issued[<redacted>, expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    public String issue(Caller caller) {
        return issue(caller, Set.of(), null).token();
    }

    /**
     * A token carrying API scopes in the {@code scope} claim (space separated wire names, as in RFC 9068), for
     * an API key exchange: it never outlives {@code notAfter} (the key's expiry; null: only the usual lifetime).
     */
    public Issued issue(Caller caller, Set<ApiScope> scopes, Instant notAfter) {
        ECKey key = keys.current();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenTtl());
        if (notAfter != null && notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .audience(List.of(settings.audience()))
                .subject(caller.actorId())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim(ROLES_CLAIM, caller.roles().stream().map(Role::name).sorted().toList());
        if (caller.tenantId() != null) {
            claims.claim(TENANT_CLAIM, caller.tenantId().toString());
        }
        if (!scopes.isEmpty()) {
            claims.claim(SCOPE_CLAIM, scopeClaim(scopes));
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(key.getKeyID()).build();
        return new Issued(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue(),
                Duration.between(now, expiresAt).toSeconds());
    }

    /** Space separated wire names, in declaration order. */
    public static String scopeClaim(Set<ApiScope> scopes) {
        return ApiScope.setOf(scopes).stream().map(ApiScope::wireName).collect(Collectors.joining(" "));
    }

    public long lifetimeSeconds() {
        return settings.accessTokenTtl().toSeconds();
    }
}
