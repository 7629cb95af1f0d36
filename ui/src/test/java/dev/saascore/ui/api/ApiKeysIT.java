package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.ui.testsupport.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenant API keys over HTTP: created by owners and admins, shown once, used as bearer tokens (or exchanged for
 * an access token) with their scopes and nothing more, refused at once when revoked, expired or suspended.
 */
class ApiKeysIT extends ApiTestSupport {

    private static final String KEY_FORMAT = "sk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}";

    private OnboardTenant tenant;
    private String ownerToken;

    @BeforeEach
    void signInAnOwner() {
        tenant = onboardTenant("keys");
        ownerToken = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
    }

    @Test
    void aKeyWorksAsBearerTokenWithItsScopesAndNoRoles() {
        JsonNode created = createKey("ai:invoke", "usage:read");
        String key = created.get("api_key").asText();
        assertThat(key).matches(KEY_FORMAT).startsWith("sk_" + created.get("prefix").asText() + "_");
        assertThat(created.get("scopes").toString()).isEqualTo("[\"ai:invoke\",\"usage:read\"]");

        Reply me = get("/api/me", key);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("subject").asText()).isEqualTo("apikey:" + created.get("key_id").asText());
        assertThat(me.json().get("tenant_id").asText()).isEqualTo(tenant.tenantId().toString());
        assertThat(me.json().get("roles")).isEmpty();
        assertThat(me.json().get("scopes").toString()).isEqualTo("[\"ai:invoke\",\"usage:read\"]");
    }

    @Test
    void theListShowsTheKeyWithoutItsSecret() {
        JsonNode created = createKey("invoices:read");
        await().atMost(Duration.ofSeconds(10)).until(() -> get(keys(), ownerToken).json().size() == 1);

        JsonNode listed = get(keys(), ownerToken).json().get(0);
        assertThat(listed.get("key_id").asText()).isEqualTo(created.get("key_id").asText());
        assertThat(listed.get("prefix").asText()).isEqualTo(created.get("prefix").asText());
        assertThat(listed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.has("api_key")).isFalse();
        assertThat(listed.toString()).doesNotContain(created.get("api_key").asText());
    }

    @Test
    void revokingTakesEffectAtOnce() {
        JsonNode created = createKey("ai:invoke");
        String key = created.get("api_key").asText();
        assertThat(get("/api/me", key).status()).isEqualTo(200);

        Reply revoked = post(keys() + "/" + created.get("key_id").asText() + "/revoke", json("reason", "Leaked"), ownerToken);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);

        assertRefused(get("/api/me", key));
        assertThat(post("/api/auth/token", json("api_key", key), null).status()).isEqualTo(401);
        Reply again = post(keys() + "/" + created.get("key_id").asText() + "/revoke", json("reason", "Twice"), ownerToken);
        assertThat(again.status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> "REVOKED".equals(get(keys(), ownerToken).json().path(0)
                .path("status").asText()));
    }

    @Test
    void unknownExpiredAndSuspendedKeysAreRefusedWithTheSameAnswer() {
        String unknown = get("/api/me", "sk_zzzzzzzz_" + SecretTokens.newToken()).json().get("detail").asText();

        // keys cannot be given a past expiry, so it is written behind the application's back, before first use
        JsonNode expiring = createKey("usage:read");
        superuser.update("UPDATE command_model.api_key SET expires_at = now() - interval '1 minute' WHERE key_id = ?::uuid",
                expiring.get("key_id").asText());
        Reply expired = get("/api/me", expiring.get("api_key").asText());
        assertRefused(expired);
        assertThat(expired.json().get("detail").asText()).isEqualTo(unknown);

        String key = createKey("usage:read").get("api_key").asText();
        assertThat(get("/api/me", key).status()).isEqualTo(200);
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SuspendTenant(tenant.tenantId(), "Unpaid")));
        Reply suspended = get("/api/me", key);
        assertRefused(suspended);
        assertThat(suspended.json().get("detail").asText()).isEqualTo(unknown);
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new ReactivateTenant(tenant.tenantId(), "Paid")));
        assertThat(get("/api/me", key).status()).isEqualTo(200);
    }

    @Test
    void aKeyCannotUseStaffEndpoints() {
        String key = createKey("ai:invoke", "usage:read", "invoices:read").get("api_key").asText();
        String tenantPath = "/api/tenants/" + tenant.tenantId();

        assertForbidden(get(tenantPath + "/staff", key));
        assertForbidden(get(tenantPath + "/profile", key));
        assertForbidden(get(keys(), key));
        long before = keyRows();
        assertForbidden(post(keys(), keyRequest("Self-made", "ai:invoke").toString(), key));
        assertForbidden(post(tenantPath + "/staff/invitations", json("email", "x@keys.test", "role", "MEMBER"), key));
        assertThat(keyRows()).isEqualTo(before);
    }

    @Test
    void anExchangedKeyGivesAnAccessTokenWithTheKeysScopesAndNoRefreshToken() throws Exception {
        JsonNode created = createKey("usage:read", "ai:invoke");
        Reply exchanged = post("/api/auth/token", json("api_key", created.get("api_key").asText()), null);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        assertThat(exchanged.json().has("refresh_token")).isFalse();
        assertThat(exchanged.json().get("scope").asText()).isEqualTo("ai:invoke usage:read");
        String accessToken = exchanged.json().get("access_token").asText();

        JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("apikey:" + created.get("key_id").asText());
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(tenant.tenantId().toString());
        assertThat(claims.getStringClaim("scope")).isEqualTo("ai:invoke usage:read");
        assertThat(claims.getStringListClaim("roles")).isEmpty();

        Reply me = get("/api/me", accessToken);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("subject").asText()).isEqualTo(claims.getSubject());
        assertThat(me.json().get("scopes").toString()).isEqualTo("[\"ai:invoke\",\"usage:read\"]");
        assertForbidden(get("/api/tenants/" + tenant.tenantId() + "/staff", accessToken));
    }

    @Test
    void anExchangedTokenNeverOutlivesItsKey() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ObjectNode request = keyRequest("Short-lived", "ai:invoke");
        request.put("expires_at", soon.toString());
        Reply created = post(keys(), request.toString(), ownerToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply exchanged = post("/api/auth/token", json("api_key", created.json().get("api_key").asText()), null);
        assertThat(exchanged.json().get("expires_in").asLong()).isLessThanOrEqualTo(120);
        assertThat(SignedJWT.parse(exchanged.json().get("access_token").asText()).getJWTClaimsSet().getExpirationTime()
                .toInstant()).isEqualTo(soon);
    }

    @Test
    void theTokenEndpointWantsEitherCredentialsOrAKey() {
        assertThat(fields(post("/api/auth/token", json("api_key", "sk_a", "email", "a@b.test"), null))).containsExactly("api_key");
        assertThat(fields(post("/api/auth/token", json("api_key", " "), null))).containsExactly("api_key");
        assertThat(fields(post("/api/auth/token", "{}", null))).containsExactly("email", "password", "api_key");
        assertThat(fields(post("/api/auth/token", json("email", "a@b.test"), null))).containsExactly("password");
        assertRefused(post("/api/auth/token", json("api_key", "sk_unknown_key"), null));
    }

    @Test
    void aMemberCannotCreateKeysButAnAdminCan() {
        String memberToken = staffToken(tenant, Role.MEMBER);
        long before = keyRows();
        Reply refused = post(keys(), keyRequest("Member's key", "ai:invoke").toString(), memberToken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(get(keys(), memberToken).status()).isEqualTo(403);
        assertThat(keyRows()).isEqualTo(before);

        Reply byAdmin = post(keys(), keyRequest("Admin's key", "ai:invoke").toString(), staffToken(tenant, Role.ADMIN));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(201);
    }

    @Test
    void anotherTenantsKeyIsNotFound() {
        JsonNode created = createKey("ai:invoke");
        OnboardTenant other = onboardTenant("other");
        String otherOwner = signIn(other.ownerEmail(), PASSWORD).get("access_token").asText();

        String otherPath = "/api/tenants/" + other.tenantId() + "/api-keys/" + created.get("key_id").asText() + "/revoke";
        assertThat(post(otherPath, json("reason", "Not mine"), otherOwner).status()).isEqualTo(404);
        assertThat(get(keys(), otherOwner).status()).isEqualTo(404);
        assertThat(get("/api/me", created.get("api_key").asText()).status()).isEqualTo(200);
    }

    @Test
    void badInputIsNamedAndWritesNothing() {
        long events = keyEvents();
        String past = Instant.now().minus(Duration.ofDays(1)).toString();
        assertThat(fields(create("{\"scopes\":[\"ai:invoke\"]}"))).containsExactly("name");
        assertThat(fields(create("{\"name\":\"No scopes\",\"scopes\":[]}"))).containsExactly("scopes");
        assertThat(fields(create("{\"name\":\"No scopes\"}"))).containsExactly("scopes");
        assertThat(fields(create("{\"name\":\"Odd\",\"scopes\":[\"root\"]}"))).containsExactly("scopes");
        assertThat(fields(create("{\"name\":\"Old\",\"scopes\":[\"ai:invoke\"],\"expires_at\":\"" + past + "\"}")))
                .containsExactly("expires_at");
        assertThat(fields(create("{\"name\":\"Old\",\"scopes\":[\"ai:invoke\"],\"expires_at\":\"yesterday\"}")))
                .containsExactly("expires_at");
        assertThat(fields(create("{\"name\":\"Neg\",\"scopes\":[\"ai:invoke\"],\"monthly_token_budget\":-5}")))
                .containsExactly("monthly_token_budget");
        assertThat(fields(create("{\"name\":\"Text\",\"scopes\":[\"ai:invoke\"],\"monthly_token_budget\":\"lots\"}")))
                .containsExactly("monthly_token_budget");
        assertThat(fields(create("{\"name\":\"" + "x".repeat(101) + "\",\"scopes\":[\"ai:invoke\"]}"))).containsExactly("name");
        Reply malformed = create("{\"name\": ");
        assertProblem(malformed, 400);
        assertThat(malformed.json().get("title").asText()).isEqualTo("Malformed request body");
        assertThat(fields(post(keys() + "/" + java.util.UUID.randomUUID() + "/revoke", "{}", ownerToken)))
                .containsExactly("reason");

        assertThat(keyRows()).isZero();
        assertThat(keyEvents()).isEqualTo(events);
    }

    @Test
    void theDatabaseHoldsOnlyTheHashAndThePrefixNeverTheKey() {
        JsonNode created = createKey("ai:invoke");
        String key = created.get("api_key").asText();
        String secret = key.substring(key.lastIndexOf('_') + 1);
        String keyId = created.get("key_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(keys(), ownerToken).json().size() == 1);

        assertThat(superuser.queryForObject("SELECT secret_hash FROM command_model.api_key WHERE key_id = ?::uuid",
                String.class, keyId)).isEqualTo(SecretTokens.hash(key));
        assertThat(superuser.queryForObject("SELECT prefix FROM command_model.api_key WHERE key_id = ?::uuid",
                String.class, keyId)).isEqualTo(created.get("prefix").asText());
        String commandModel = superuser.queryForObject(
                "SELECT string_agg(k::text, ' ') FROM command_model.api_key k WHERE key_id = ?::uuid", String.class, keyId);
        String readModel = superuser.queryForObject(
                "SELECT string_agg(k::text, ' ') FROM read_model.api_key k WHERE key_id = ?::uuid", String.class, keyId);
        String events = String.join("\n", superuser.queryForList("""
                SELECT convert_from(payload, 'UTF8') || convert_from(coalesce(meta_data, ''::bytea), 'UTF8')
                FROM event_store.domain_event_entry WHERE aggregate_identifier = ?""", String.class, keyId));
        assertThat(events).contains(created.get("prefix").asText());
        for (String stored : List.of(commandModel, readModel, events)) {
            assertThat(stored).doesNotContain(secret);
        }
        assertThat(readModel).doesNotContain(SecretTokens.hash(key));
        assertThat(events).doesNotContain(SecretTokens.hash(key));
    }

    private String keys() {
        return "/api/tenants/" + tenant.tenantId() + "/api-keys";
    }

    private Reply create(String json) {
        return post(keys(), json, ownerToken);
    }

    private JsonNode createKey(String... scopes) {
        return createApiKey(tenant.tenantId(), ownerToken, keyRequest("Integration", scopes));
    }

    private long keyRows() {
        return superuser.queryForObject("SELECT count(*) FROM command_model.api_key WHERE tenant_id = ?", Long.class,
                tenant.tenantId().value());
    }

    private long keyEvents() {
        return superuser.queryForObject("SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'ApiKey'",
                Long.class);
    }

    private List<String> fields(Reply reply) {
        assertProblem(reply, 400);
        List<String> names = new ArrayList<>();
        reply.json().path("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }

    private static void assertRefused(Reply reply) {
        assertProblem(reply, 401);
        assertThat(reply.json().get("detail").asText()).contains("The API key is invalid, revoked or expired.");
    }

    private static void assertForbidden(Reply reply) {
        assertProblem(reply, 403);
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
