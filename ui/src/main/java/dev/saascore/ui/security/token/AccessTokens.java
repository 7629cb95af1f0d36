package dev.saascore.ui.security.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.ECKey;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Issues the API's access tokens: short-lived ES256 JWTs carrying the caller's tenant and roles. */
@Component
public class AccessTokens {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    public String issue(Caller caller) {
        ECKey key = keys.current();
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .audience(List.of(settings.audience()))
                .subject(caller.actorId())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim(ROLES_CLAIM, caller.roles().stream().map(Role::name).sorted().toList());
        if (caller.tenantId() != null) {
            claims.claim(TENANT_CLAIM, caller.tenantId().toString());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(key.getKeyID()).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    public long lifetimeSeconds() {
        return settings.accessTokenTtl().toSeconds();
    }
}
