package dev.saascore.ui.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.FakeOidcIssuer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens of the configured external OIDC issuer are accepted, their tenant read from the configured claim
 * (here {@code org_id}); the same attacks as on our own tokens are refused.
 */
class ExternalIssuerIT extends ApiTestSupport {

    private final FakeOidcIssuer issuer = FakeOidcIssuer.instance();

    @Test
    void aTokenOfTheConfiguredIssuerActsForTheTenantInItsClaim() {
        OnboardTenant tenant = onboardTenant("oidc");
        String token = issuer.sign(claims(issuer.issuer(), tenant.tenantId().toString()).build());

        Reply me = get("/api/me", token);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("subject").asText()).isEqualTo("external-user-1");
        assertThat(me.json().get("tenant_id").asText()).isEqualTo(tenant.tenantId().toString());
        await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/tenants/" + tenant.tenantId() + "/staff", token).status() == 200);
        assertThat(get("/api/tenants/" + onboardTenant("other").tenantId() + "/staff", token).status()).isEqualTo(404);
    }

    @Test
    void aTokenClaimingTheIssuerButSignedByAnotherKeyIsRefused() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("external-key").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("external-key").build(),
                claims(issuer.issuer(), onboardTenant("forged").tenantId().toString()).build());
        forged.sign(new RSASSASigner(stranger));
        assertThat(get("/api/me", forged.serialize()).status()).isEqualTo(401);
    }

    @Test
    void anExpiredExternalTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        String token = issuer.sign(claims(issuer.issuer(), onboardTenant("late").tenantId().toString())
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build());
        assertThat(get("/api/me", token).status()).isEqualTo(401);
    }

    @Test
    void anIssuerThatIsNotConfiguredIsRefused() {
        String token = issuer.sign(claims("http://127.0.0.1:1/unknown-realm",
                onboardTenant("unknown").tenantId().toString()).build());
        assertThat(get("/api/me", token).status()).isEqualTo(401);
    }

    private static JWTClaimsSet.Builder claims(String iss, String tenant) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(iss).subject("external-user-1").claim("org_id", tenant)
                .claim("roles", List.of("ADMIN")).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }
}
