package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.token.SigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each known attack on bearer tokens, one test each: all must answer 401 problem+json (or 404 across tenants). */
class JwtAttacksIT extends ApiTestSupport {

    @Autowired SigningKeys keys;

    private OnboardTenant tenant;
    private String validToken;

    @BeforeEach
    void signInAnOwner() {
        tenant = onboardTenant("jwt");
        validToken = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
    }

    @Test
    void aValidTokenWorks() {
        Reply me = get("/api/me", validToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("tenant_id").asText()).isEqualTo(tenant.tenantId().toString());
        assertThat(me.json().get("roles").toString()).contains("OWNER");
        // the profile projection catches up within moments of the onboarding
        await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/tenants/" + tenant.tenantId() + "/profile", validToken).status() == 200);
        Reply profile = get("/api/tenants/" + tenant.tenantId() + "/profile", validToken);
        assertThat(profile.json().get("slug").asText()).isEqualTo(tenant.slug());
        assertThat(profile.json().get("tenant_id").asText()).isEqualTo(tenant.tenantId().toString());
        // the staff projection runs at its own pace too
        await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/tenants/" + tenant.tenantId() + "/staff", validToken).json().size() == 1);
        Reply staff = get("/api/tenants/" + tenant.tenantId() + "/staff", validToken);
        assertThat(staff.json().get(0).get("email").asText()).isEqualTo(tenant.ownerEmail());
        assertThat(staff.json().get(0).get("role").asText()).isEqualTo("OWNER");
    }

    @Test
    void theAccessTokenCarriesTheDocumentedClaimsAndAKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(validToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getIssuer()).isEqualTo("saas-core");
        assertThat(claims.getAudience()).containsExactly("saas-core-api");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(new Date());
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(tenant.tenantId().toString());
        assertThat(claims.getStringListClaim("roles")).containsExactly("OWNER");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        SignedJWT valid = SignedJWT.parse(validToken);
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        assertUnauthorized(header + "." + valid.getParsedParts()[1] + ".");
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        String publicJwk = get("/.well-known/jwks.json", null).json().get("keys").get(0).toString();
        byte[] secret = MessageDigest.getInstance("SHA-256").digest(publicJwk.getBytes(StandardCharsets.UTF_8));
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(currentKey().getKeyID()).build(),
                SignedJWT.parse(validToken).getJWTClaimsSet());
        forged.sign(new MACSigner(secret));
        assertUnauthorized(forged.serialize());
    }

    @Test
    void anUnknownKidIsRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        assertUnauthorized(sign(stranger, claims().build()));
    }

    @Test
    void aWrongIssuerIsRefused() throws Exception {
        assertUnauthorized(sign(currentKey(), claims().issuer("https://evil.example").build()));
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        assertUnauthorized(sign(currentKey(), claims().audience("another-api").build()));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertUnauthorized(sign(currentKey(), claims().issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))).build()));
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        Instant future = Instant.now().plus(Duration.ofHours(1));
        assertUnauthorized(sign(currentKey(), claims().notBeforeTime(Date.from(future))
                .expirationTime(Date.from(future.plus(Duration.ofMinutes(15)))).build()));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        SignedJWT valid = SignedJWT.parse(validToken);
        String escalated = Base64URL.encode(valid.getPayload().toString()
                .replace("\"OWNER\"", "\"PLATFORM_ADMIN\"")).toString();
        String[] parts = validToken.split("\\.");
        assertUnauthorized(parts[0] + "." + escalated + "." + parts[2]);
    }

    @Test
    void aValidTokenOfTenantAOnTenantBsResourceAnswersNotFound() {
        OnboardTenant other = onboardTenant("other");
        Reply reply = get("/api/tenants/" + other.tenantId() + "/profile", validToken);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain(other.slug()).doesNotContain(other.name());
        assertThat(get("/api/tenants/" + other.tenantId() + "/staff", validToken).status()).isEqualTo(404);
    }

    @Test
    void noTokenAtAllIsRefused() {
        Reply reply = get("/api/me", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private ECKey currentKey() {
        return keys.current();
    }

    private JWTClaimsSet.Builder claims() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet valid = SignedJWT.parse(validToken).getJWTClaimsSet();
        return new JWTClaimsSet.Builder(valid).jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .audience(List.of("saas-core-api")).issuer("saas-core");
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private void assertUnauthorized(String token) {
        Reply reply = get("/api/me", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(401);
    }
}
